// One include for the tests whichever Catch2 (v2.13 from Debian, or v3) is installed.
#pragma once
#if LEGDIARY_CATCH_V3
#include <catch2/catch_all.hpp>
#else
#include <catch2/catch.hpp>
#endif
