# Warning flags for our own targets only (linked PRIVATE, never by third-party code).
add_library(aftershock_warnings INTERFACE)
target_compile_options(aftershock_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wconversion
  -Wsign-conversion -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(AFTERSHOCK_WARNINGS_AS_ERRORS)
  target_compile_options(aftershock_warnings INTERFACE -Werror)
endif()
