#include "cli/broker/broker_output.hpp"

#include <algorithm>
#include <ostream>

namespace pact::cli {

namespace {

// Characters, not bytes: UTF-8 continuation bytes do not take a column.
std::size_t display_width(std::string_view text) {
    return static_cast<std::size_t>(std::ranges::count_if(text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string repeat(std::string_view piece, std::size_t times) {
    std::string repeated;
    for (std::size_t index = 0; index < times; ++index) {
        repeated += piece;
    }
    return repeated;
}

std::string rule(const std::vector<std::size_t>& widths, std::string_view left, std::string_view fill,
                 std::string_view middle, std::string_view right) {
    std::string line(left);
    for (std::size_t column = 0; column < widths.size(); ++column) {
        line += repeat(fill, widths[column] + 2);
        line += column + 1 < widths.size() ? middle : right;
    }
    return line + "\n";
}

std::string cells(const std::vector<std::string>& row, const std::vector<std::size_t>& widths) {
    std::string line = "│";
    for (std::size_t column = 0; column < widths.size(); ++column) {
        const std::string cell = column < row.size() ? row[column] : "";
        line += " " + cell + std::string(widths[column] - display_width(cell), ' ') + " ";
        line += column + 1 < widths.size() ? "┆" : "│";
    }
    return line + "\n";
}

}  // namespace

std::string render_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& title : header) {
        widths.push_back(display_width(title));
    }
    for (const auto& row : rows) {
        for (std::size_t column = 0; column < widths.size() && column < row.size(); ++column) {
            widths[column] = std::max(widths[column], display_width(row[column]));
        }
    }
    std::string table = rule(widths, "┌", "─", "┬", "┐");
    table += cells(header, widths);
    table += rule(widths, "╞", "═", "╪", "╡");
    for (std::size_t index = 0; index < rows.size(); ++index) {
        if (index > 0) {
            table += rule(widths, "├", "╌", "┼", "┤");
        }
        table += cells(rows[index], widths);
    }
    table += rule(widths, "└", "─", "┴", "┘");
    return table;
}

void print_json(std::ostream& out, const nlohmann::json& body, bool pretty) {
    out << (pretty ? body.dump(2) : body.dump()) << "\n";
}

std::string text_of(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) {
        return "-";
    }
    const auto found = object.find(std::string(key));
    if (found == object.end() || found->is_null()) {
        return "-";
    }
    return found->is_string() ? found->get<std::string>() : found->dump();
}

}  // namespace pact::cli
