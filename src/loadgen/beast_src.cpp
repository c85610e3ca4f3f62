// The single translation unit that compiles Asio and Beast for the load generator.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
