# Warning flags for our own targets only (linked PRIVATE, never by third-party code).
add_library(aftershock_warnings INTERFACE)
target_compile_options(aftershock_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wconversion
  -Wsign-conversion -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(AFTERSHOCK_WARNINGS_AS_ERRORS)
  target_compile_options(aftershock_warnings INTERFACE -Werror)
endif()
# GCC 12 reports -Wrestrict false positives inside libstdc++'s std::string at -O2
# (GCC bug 105329, "Bogus restrict warning when assigning 1-char string literal to std::string").
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(aftershock_warnings INTERFACE -Wno-restrict)
endif()
