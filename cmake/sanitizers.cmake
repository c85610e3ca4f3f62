# Sanitized builds (scripts/test's sanitizer pass, scripts/test --deep, scripts/fuzz).
# ASAMBLEA_SANITIZE is a comma list handed to -fsanitize=, e.g. "address,undefined" or "thread";
# every library, test and tool of the build then carries it. Any report stops the program
# (-fno-sanitize-recover=all), so a test that trips a sanitizer fails instead of printing and passing.
set(ASAMBLEA_SANITIZE "" CACHE STRING "Sanitizers for every target (-fsanitize=...), empty for none")
if(ASAMBLEA_SANITIZE)
  add_compile_options(-fsanitize=${ASAMBLEA_SANITIZE} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${ASAMBLEA_SANITIZE})
  # GCC 12 at -O1 with the sanitizers' instrumentation reports -Wmaybe-uninitialized inside
  # libstdc++ itself (<regex>'s std::function state, in schema_registry's unity batch). The
  # warning stays on in the plain builds, which see the same code uninstrumented.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-maybe-uninitialized)
    # GCC warns that TSan does not model std::atomic_thread_fence, which Asio uses in its
    # timers. The cost is possible false reports (a race the fence prevents), never a hidden one.
    if(ASAMBLEA_SANITIZE MATCHES "thread")
      add_compile_options(-Wno-tsan)
    endif()
  endif()
endif()
