#pragma once
/// A fresh temporary data folder for one test, removed afterwards.

#include <filesystem>
#include <random>
#include <string>

struct test_dir {
    std::filesystem::path path;
    test_dir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() / ("asamblea-test-" + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~test_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string str() const { return path.string(); }
    std::string db() const { return (path / "asamblea.db").string(); }
};
