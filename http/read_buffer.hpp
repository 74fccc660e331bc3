#pragma once
// The buffer a connection reads into. Beast asks the socket for no more than the buffer's free capacity
// (and at least 512 bytes), so an empty buffer splits a 1 KB answer into two reads: reserved up front, a
// typical message arrives in one system call.

#include <boost/beast/core/flat_buffer.hpp>

#include <cstddef>

namespace pact::http {

inline constexpr std::size_t read_buffer_capacity = 16 * 1024;

[[nodiscard]] inline boost::beast::flat_buffer make_read_buffer() {
    boost::beast::flat_buffer buffer;
    buffer.reserve(read_buffer_capacity);
    return buffer;
}

}  // namespace pact::http
