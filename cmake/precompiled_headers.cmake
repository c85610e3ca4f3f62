# Precompiled headers for the targets whose translation units spend most of their time parsing
# the same third-party headers (Asio, Beast's declarations, nlohmann/json, SQLiteCpp, doctest).
# GCC builds one .gch per target; every source of the target then loads it instead of parsing.
# Beast and Asio stay separately compiled (beast_src.cpp), so these are declarations only.
option(ASAMBLEA_PCH "Precompile the heavy third-party headers" ON)

set(ASAMBLEA_PCH_STD "<algorithm>" "<chrono>" "<cstdint>" "<expected>" "<functional>" "<map>"
  "<memory>" "<optional>" "<string>" "<string_view>" "<unordered_map>" "<vector>")
set(ASAMBLEA_PCH_JSON "<nlohmann/json.hpp>")
set(ASAMBLEA_PCH_STORE ${ASAMBLEA_PCH_JSON} "<SQLiteCpp/Database.h>" "<SQLiteCpp/Statement.h>")
set(ASAMBLEA_PCH_ASIO "<boost/asio/any_io_executor.hpp>" "<boost/asio/io_context.hpp>"
  "<boost/asio/ip/tcp.hpp>" "<boost/asio/post.hpp>" "<boost/asio/steady_timer.hpp>"
  "<boost/asio/strand.hpp>")
set(ASAMBLEA_PCH_BEAST "<boost/beast/core.hpp>" "<boost/beast/http.hpp>"
  "<boost/beast/websocket.hpp>")

# asamblea_precompile(target GROUP...) with groups STD JSON STORE ASIO BEAST DOCTEST.
function(asamblea_precompile target)
  if(NOT ASAMBLEA_PCH)
    return()
  endif()
  set(headers)
  foreach(group ${ARGN})
    if(group STREQUAL "DOCTEST")
      list(APPEND headers "<doctest/doctest.h>")
    else()
      list(APPEND headers ${ASAMBLEA_PCH_${group}})
    endif()
  endforeach()
  target_precompile_headers(${target} PRIVATE ${headers})
endfunction()

# Unity builds for every library, the command line, the test binaries and the load generator:
# their files instantiate the same Beast, nlohmann/json, SQLiteCpp, doctest and standard templates,
# so compiling them in batches does that work once per batch instead of once per file.
option(ASAMBLEA_UNITY "Compile every target in batches" ON)
set(ASAMBLEA_UNITY_BATCH 6 CACHE STRING "Files per batch of a unity build")
function(asamblea_unity target)
  if(ASAMBLEA_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON
      UNITY_BUILD_BATCH_SIZE ${ASAMBLEA_UNITY_BATCH})
  endif()
endfunction()

# asamblea_reuse_precompiled(target FROM): `target` uses FROM's precompiled headers (the same
# groups, compatible flags) instead of building its own copy.
function(asamblea_reuse_precompiled target from)
  if(ASAMBLEA_PCH)
    target_precompile_headers(${target} REUSE_FROM ${from})
  endif()
endfunction()
