#pragma once
// What the SQL repositories need from a database session, so that one set of queries serves SQLite and
// PostgreSQL. Queries are written once, with `?` or `?N` placeholders and the SQL both databases speak
// (INSERT ... ON CONFLICT DO NOTHING, RETURNING id); a driver rewrites placeholders for its database.
//
// Statements are objects with static storage duration: each gets a dense number when it is defined, so a
// driver caches its prepared form in a vector indexed by that number (and PostgreSQL names it after it).

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace pact::broker::store::sql {

class statement {
public:
    // Defines a statement; `name` says what it does and appears in diagnostics.
    statement(std::string_view name, std::string text);
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;

    [[nodiscard]] std::size_t number() const { return number_; }
    [[nodiscard]] std::string_view name() const { return name_; }
    [[nodiscard]] const std::string& text() const { return text_; }

    // How many statements are defined (the size a driver's cache needs).
    [[nodiscard]] static std::size_t count();

private:
    std::size_t number_;
    std::string name_;
    std::string text_;
};

// A parameter: NULL, an integer (booleans are 0 or 1) or text.
using value = std::variant<std::monostate, std::int64_t, std::string_view>;

// One row of a result, valid only while the callback that receives it runs.
class row {
public:
    virtual ~row() = default;
    [[nodiscard]] virtual bool is_null(int column) const = 0;
    [[nodiscard]] virtual std::int64_t integer(int column) const = 0;
    [[nodiscard]] virtual std::string text(int column) const = 0;
};

using row_handler = std::function<void(const row&)>;

// A session with the database, inside a transaction its owner opened. Failures throw store_failure.
class connection {
public:
    virtual ~connection() = default;
    // Runs the statement with the parameters, handing each row of its result to `each_row`; returns how
    // many rows it changed (for INSERT, UPDATE, DELETE).
    virtual std::int64_t run(const statement& query, std::span<const value> parameters, const row_handler& each_row) = 0;
};

// `?` and `?N` placeholders as PostgreSQL's `$N` (a bare `?` takes the number after the previous one).
[[nodiscard]] std::string numbered_placeholders(std::string_view text);

}  // namespace pact::broker::store::sql
