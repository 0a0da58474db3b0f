# Sanitizers apply to every target in the build (library, executable, tests) so that
# instrumented and uninstrumented code never mix.
if(AFTERSHOCK_ENABLE_ASAN)
  add_compile_options(-fsanitize=address -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address)
endif()
if(AFTERSHOCK_ENABLE_UBSAN)
  add_compile_options(-fsanitize=undefined -fno-sanitize-recover=all)
  add_link_options(-fsanitize=undefined -fno-sanitize-recover=all)
endif()
