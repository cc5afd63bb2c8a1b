// Work spread over the cores the process may use: the factor screen's models and the
// cohort's diaries are independent pieces, each done on one thread.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

#ifdef __linux__
#include <sched.h>
#endif

namespace legdiary::detail {

// The cores this process may run on: on Linux those of its affinity mask (a batch job's
// or a `taskset`'s share, not the whole machine's), else what the library reports.
inline std::size_t usable_cores() {
#ifdef __linux__
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return static_cast<std::size_t>(CPU_COUNT(&set));
#endif
    return std::max(1U, std::thread::hardware_concurrency());
}

// Calls work(i) for every i < count on `threads` threads (0: the usable cores; at most one
// thread per index; this thread is one of them). The first exception a call throws stops the others
// taking more work and is rethrown here once every thread has finished.
inline void for_each_index_in_parallel(std::size_t count, const std::function<void(std::size_t)>& work,
                                       std::size_t threads = 0) {
    threads = std::min(count, threads == 0 ? usable_cores() : threads);
    std::atomic<std::size_t> next{0};
    std::vector<std::exception_ptr> errors(threads);
    const auto worker = [&](std::size_t t) {
        try {
            for (std::size_t i = next++; i < count; i = next++) work(i);
        } catch (...) {
            errors[t] = std::current_exception();
            next = count;
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker, t);
    if (threads > 0) worker(0);
    for (auto& thread : pool) thread.join();
    for (const auto& error : errors)
        if (error) std::rethrow_exception(error);
}

}  // namespace legdiary::detail
