# Sanitized builds (scripts/test's sanitizer pass, scripts/test --deep, scripts/fuzz).
# ASAMBLEA_SANITIZE is a comma list handed to -fsanitize=, e.g. "address,undefined" or "thread";
# every library, test and tool of the build then carries it. Any report stops the program
# (-fno-sanitize-recover=all), so a test that trips a sanitizer fails instead of printing and passing.
set(ASAMBLEA_SANITIZE "" CACHE STRING "Sanitizers for every target (-fsanitize=...), empty for none")
if(ASAMBLEA_SANITIZE)
  add_compile_options(-fsanitize=${ASAMBLEA_SANITIZE} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${ASAMBLEA_SANITIZE})
endif()
