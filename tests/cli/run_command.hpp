#pragma once
/// Runs the real `asamblea` binary in a shell and captures its exit code and output.

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

struct command_result {
    int exit_code = -1;
    std::string output; // stdout and stderr together
};

/// Runs a whole shell command line, capturing its stdout and stderr together.
inline command_result run_shell(const std::string& cmd) {
    command_result r;
    FILE* pipe = popen((cmd + " 2>&1").c_str(), "r");
    if (!pipe)
        return r;
    std::array<char, 4096> buf{};
    while (std::size_t n = fread(buf.data(), 1, buf.size(), pipe))
        r.output.append(buf.data(), n);
    int status = pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

/// `input`, when given, is piped to the command's standard input.
inline command_result run_command(const std::string& args, const std::string& input = {}) {
    std::string cmd = std::string(ASAMBLEA_BINARY) + " " + args;
    if (!input.empty())
        cmd = "printf '%s\\n' '" + input + "' | " + cmd;
    return run_shell(cmd);
}
