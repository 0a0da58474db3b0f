# Language level and common definitions, as an INTERFACE target linked PRIVATE by our targets.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

add_library(aftershock_settings INTERFACE)
target_compile_features(aftershock_settings INTERFACE cxx_std_20)
target_compile_definitions(aftershock_settings INTERFACE
  AFTERSHOCK_VERSION="${PROJECT_VERSION}")

if(AFTERSHOCK_ENABLE_CLANG_TIDY)
  find_program(AFTERSHOCK_CLANG_TIDY_EXE NAMES clang-tidy REQUIRED)
  set(CMAKE_CXX_CLANG_TIDY "${AFTERSHOCK_CLANG_TIDY_EXE}")
endif()
