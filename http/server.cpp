#include "http/server.hpp"

#include "http/read_buffer.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <memory>
#include <tuple>
#include <mutex>
#include <unordered_map>

namespace pact::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

constexpr auto no_throw = asio::as_tuple(asio::use_awaitable);

[[nodiscard]] response problem(unsigned status, std::string_view message) {
    response answer{static_cast<beast::http::status>(status), 11};
    answer.set(beast::http::field::content_type, "application/json");
    // `errors` is the member the Pact clients print from a 4xx answer. A message may carry any bytes (an
    // exception's text): bytes that are not UTF-8 become U+FFFD rather than making dump throw.
    const nlohmann::json body = {{"errors", nlohmann::json::array({message})}};
    answer.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    answer.keep_alive(false);
    answer.prepare_payload();
    return answer;
}

// A parse failure of the request is the client's fault; say which.
[[nodiscard]] response problem_for(const beast::error_code& error) {
    if (error == beast::http::error::header_limit) return problem(431, "request headers too large");
    if (error == beast::http::error::body_limit) return problem(413, "request body too large");
    return problem(400, "malformed HTTP request: " + error.message());
}

[[nodiscard]] bool is_connection_end(const beast::error_code& error) {
    return error == beast::http::error::end_of_stream || error == beast::error::timeout ||
           error == asio::error::operation_aborted || error == asio::error::connection_reset ||
           error == asio::error::eof || error == asio::error::broken_pipe;
}

struct connection {
    explicit connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    bool idle = true;  // waiting for a request; only touched on the stream's strand
};

// A deadline for one read that cancels the read instead of closing the socket (as the stream's own expiry
// would), so that a client that sent part of a request and then stalled can still be answered 408.
// Lives on the connection's strand, like the reads it limits.
class read_deadline {
public:
    read_deadline(const std::shared_ptr<connection>& connected, std::chrono::milliseconds timeout)
        : timer_(connected->stream.get_executor()), expired_(std::make_shared<bool>(false)) {
        connected->stream.expires_never();
        timer_.expires_after(timeout);
        timer_.async_wait([connected, expired = expired_](const beast::error_code& error) {
            if (error) return;
            *expired = true;
            beast::error_code ignored;
            connected->stream.socket().cancel(ignored);
        });
    }
    ~read_deadline() { timer_.cancel(); }
    read_deadline(const read_deadline&) = delete;
    read_deadline& operator=(const read_deadline&) = delete;

    [[nodiscard]] bool expired() const { return *expired_; }

private:
    asio::steady_timer timer_;
    std::shared_ptr<bool> expired_;
};

[[nodiscard]] response request_timeout_problem() { return problem(408, "request not received completely within the read timeout"); }

}  // namespace

response make_response(const request& to, unsigned status, std::string content_type, std::string body) {
    response answer{static_cast<beast::http::status>(status), to.version()};
    if (!content_type.empty()) answer.set(beast::http::field::content_type, content_type);
    answer.body() = std::move(body);
    answer.keep_alive(to.keep_alive());
    answer.prepare_payload();
    return answer;
}

struct server::state : std::enable_shared_from_this<server::state> {
    state(asio::io_context& io, handler handle_request, server_options server_settings)
        : context(io),
          handle(std::move(handle_request)),
          options(std::move(server_settings)),
          acceptor(asio::make_strand(io)),
          deadline(acceptor.get_executor()) {}

    asio::io_context& context;
    handler handle;
    server_options options;
    tcp::acceptor acceptor;
    asio::steady_timer deadline;  // on the acceptor's strand
    std::atomic<bool> stopping{false};
    std::mutex connections_mutex;
    std::uint64_t next_connection_id = 0;
    std::unordered_map<std::uint64_t, std::shared_ptr<connection>> connections;
    tcp::endpoint bound;

    void listen() {
        const tcp::endpoint endpoint{asio::ip::make_address(options.address), options.port};
        acceptor.open(endpoint.protocol());
        acceptor.set_option(tcp::acceptor::reuse_address(true));
        acceptor.bind(endpoint);
        acceptor.listen(asio::socket_base::max_listen_connections);
        bound = acceptor.local_endpoint();
        asio::co_spawn(acceptor.get_executor(), accept_loop(shared_from_this()), asio::detached);
    }

    static asio::awaitable<void> accept_loop(std::shared_ptr<state> self) {
        while (!self->stopping) {
            auto [error, socket] = co_await self->acceptor.async_accept(asio::make_strand(self->context), no_throw);
            if (error) {
                if (self->stopping || error == asio::error::operation_aborted) co_return;
                continue;  // a client that gave up while queued, or a transient resource shortage
            }
            socket.set_option(tcp::no_delay(true));
            auto connected = std::make_shared<connection>(std::move(socket));
            std::uint64_t id = 0;
            {
                const std::lock_guard lock(self->connections_mutex);
                id = self->next_connection_id++;
                self->connections.emplace(id, connected);
            }
            asio::co_spawn(connected->stream.get_executor(), session(self, connected, id), asio::detached);
        }
    }

    static asio::awaitable<void> session(std::shared_ptr<state> self, std::shared_ptr<connection> connected,
                                         std::uint64_t id) {
        auto buffer = make_read_buffer();
        auto& stream = connected->stream;
        while (!self->stopping) {
            beast::http::request_parser<beast::http::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(self->options.header_limit));
            parser.body_limit(self->options.body_limit);

            connected->idle = true;
            beast::error_code header_error;
            bool header_timed_out = false;
            {
                const read_deadline header_deadline(connected, self->options.read_timeout);
                std::tie(header_error, std::ignore) = co_await beast::http::async_read_header(stream, buffer, parser, no_throw);
                header_timed_out = header_deadline.expired();
            }
            connected->idle = false;
            if (header_error) {
                // A client that stalls before sending anything is an idle connection: closed silently.
                if (header_timed_out && (parser.got_some() || buffer.size() > 0)) {
                    co_await write(stream, request_timeout_problem(), self->options);
                } else if (!is_connection_end(header_error)) {
                    co_await write(stream, problem_for(header_error), self->options);
                }
                break;
            }
            if (parser.get()[beast::http::field::expect] == "100-continue") {
                beast::http::response<beast::http::empty_body> proceed{beast::http::status::continue_, 11};
                stream.expires_after(self->options.write_timeout);
                auto [continue_error, continue_bytes] = co_await beast::http::async_write(stream, proceed, no_throw);
                if (continue_error) break;
            }
            if (!parser.is_done()) {
                const read_deadline body_deadline(connected, self->options.read_timeout);
                auto [body_error, body_bytes] = co_await beast::http::async_read(stream, buffer, parser, no_throw);
                if (body_error) {
                    if (body_deadline.expired()) {
                        co_await write(stream, request_timeout_problem(), self->options);
                    } else if (!is_connection_end(body_error)) {
                        co_await write(stream, problem_for(body_error), self->options);
                    }
                    break;
                }
            }

            request received = parser.release();
            const bool keep_alive = received.keep_alive();
            response answer = self->answer(std::move(received));
            answer.keep_alive(keep_alive && answer.keep_alive() && !self->stopping);
            if (!answer.has_content_length() && !answer.chunked()) answer.prepare_payload();
            if (!co_await write(stream, std::move(answer), self->options)) break;
            if (!keep_alive) break;
        }
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.socket().close(ignored);
        self->forget(id);
    }

    // Returns whether the connection may carry another request.
    static asio::awaitable<bool> write(beast::tcp_stream& stream, response answer, const server_options& options) {
        stream.expires_after(options.write_timeout);
        auto [error, bytes] = co_await beast::http::async_write(stream, answer, no_throw);
        co_return !error && answer.keep_alive();
    }

    // The one place where a handler's exception becomes an HTTP answer.
    response answer(request received) {
        try {
            return handle(std::move(received));
        } catch (const std::exception& failure) {
            return problem(500, std::string("internal error: ") + failure.what());
        }
    }

    void forget(std::uint64_t id) {
        bool last = false;
        {
            const std::lock_guard lock(connections_mutex);
            connections.erase(id);
            last = connections.empty();
        }
        if (last && stopping) {
            asio::post(deadline.get_executor(), [self = shared_from_this()] { self->deadline.cancel(); });
        }
    }

    void stop() {
        if (stopping.exchange(true)) return;
        asio::post(acceptor.get_executor(), [self = shared_from_this()] {
            beast::error_code ignored;
            self->acceptor.close(ignored);
            {
                const std::lock_guard lock(self->connections_mutex);
                if (self->connections.empty()) return;
            }
            self->deadline.expires_after(self->options.shutdown_deadline);
            self->deadline.async_wait([self](const beast::error_code& error) {
                if (!error) self->close_connections(false);
            });
        });
        close_connections(true);
    }

    // Idle connections only (at stop), or every connection (when the shutdown deadline has passed).
    void close_connections(bool only_idle) {
        const std::lock_guard lock(connections_mutex);
        for (const auto& [id, connected] : connections) {
            asio::post(connected->stream.get_executor(), [connected, only_idle] {
                if (!only_idle || connected->idle) connected->stream.socket().cancel();
                if (!only_idle) connected->stream.close();
            });
        }
    }
};

server::server(asio::io_context& context, handler handle, server_options options)
    : state_(std::make_shared<state>(context, std::move(handle), std::move(options))) {
    state_->listen();
}

server::server(handler handle, server_options options, unsigned threads)
    : owned_context_(std::make_unique<asio::io_context>(static_cast<int>(threads))),
      state_(std::make_shared<state>(*owned_context_, std::move(handle), std::move(options))) {
    state_->listen();
    for (unsigned index = 0; index < std::max(threads, 1U); ++index) {
        threads_.emplace_back([context = owned_context_.get()] { context->run(); });
    }
}

server::~server() { stop(); }

std::uint16_t server::port() const { return state_->bound.port(); }

std::string server::address() const { return state_->bound.address().to_string(); }

void server::stop() {
    state_->stop();
    for (auto& thread : threads_) {
        if (thread.joinable()) thread.join();
    }
}

}  // namespace pact::http
