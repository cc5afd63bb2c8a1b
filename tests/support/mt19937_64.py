"""SPEC 7's allocation re-derived independently of the library: the 64-bit Mersenne Twister
written out from the published algorithm (not from the C++), shared by the CLI trial tests
and the statistical cross-check of the trial analysis."""
from __future__ import annotations

MASK64 = (1 << 64) - 1


class MT19937_64:
    """The 64-bit Mersenne Twister (Matsumoto & Nishimura, mt19937-64.c), as std::mt19937_64."""

    def __init__(self, seed: int) -> None:
        self.state = [seed & MASK64] + [0] * 311
        for i in range(1, 312):
            previous = self.state[i - 1]
            self.state[i] = (6364136223846793005 * (previous ^ (previous >> 62)) + i) & MASK64
        self.index = 312

    def _twist(self) -> None:
        mt = self.state
        for i in range(312):
            x = (mt[i] & 0xFFFFFFFF80000000) | (mt[(i + 1) % 312] & 0x7FFFFFFF)
            mt[i] = mt[(i + 156) % 312] ^ (x >> 1) ^ (0xB5026F5AA96619E9 if x & 1 else 0)
        self.index = 0

    def __call__(self) -> int:
        if self.index >= 312:
            self._twist()
        x = self.state[self.index]
        self.index += 1
        x ^= (x >> 29) & 0x5555555555555555
        x ^= (x << 17) & 0x71D67FFFEDA60000
        x ^= (x << 37) & 0xFFF7EEE000000000
        x ^= x >> 43
        return x & MASK64


def allocation(seed: int, blocks: int) -> list[str]:
    """SPEC 7: block k is BA when the k-th output (k = 1 first) has its top bit set."""
    generator = MT19937_64(seed)
    return ["BA" if generator() >> 63 else "AB" for _ in range(blocks)]
