#include "broker/html/hal_browser.hpp"

#include "pact/json_text.hpp"

#include "broker/html/html_text.hpp"

namespace pact::broker::html {
namespace {


// `in_links`: inside a `_links` object, where an object with `href` is a link.
void write_json(const nlohmann::json& value, int depth, bool in_links, std::string& out) {
    const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    const std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
    if (value.is_object()) {
        if (value.empty()) {
            out += "{}";
            return;
        }
        const bool followable = in_links && value.contains("href") && value["href"].is_string() && !value.value("templated", false);
        out += "{\n";
        bool first = true;
        for (const auto& [key, member] : value.items()) {
            if (!first) out += ",\n";
            first = false;
            out += inner + "<span class=\"key\">" + escape_html(pact::to_json_text(key)) + "</span>: ";
            if (followable && key == "href") {
                const auto href = member.get<std::string>();
                out += "\"<a href=\"" + escape_html(href) + "\">" + escape_html(pact::to_json_text(href).substr(1, pact::to_json_text(href).size() - 2)) + "</a>\"";
            } else {
                write_json(member, depth + 1, in_links || key == "_links", out);
            }
        }
        out += "\n" + indent + "}";
    } else if (value.is_array()) {
        if (value.empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        bool first = true;
        for (const auto& element : value) {
            if (!first) out += ",\n";
            first = false;
            out += inner;
            write_json(element, depth + 1, in_links, out);
        }
        out += "\n" + indent + "]";
    } else {
        out += escape_html(pact::to_json_text(value));
    }
}

}  // namespace

std::string json_with_links(const nlohmann::json& document) {
    std::string out;
    write_json(document, 0, false, out);
    return out;
}

std::string render_hal_browser_page(std::string_view resource_url, unsigned status, const nlohmann::json& document, std::string_view base_url) {
    std::string body = "<h1>" + escape_html(resource_url) + "</h1>";
    body += "<p class=\"muted\">HTTP " + std::to_string(status) + " · application/hal+json, as an API client receives it. Links under <code>_links</code> can be followed.</p>";
    body += "<pre class=\"hal\">" + json_with_links(document) + "</pre>";
    return html_document(resource_url, base_url, body);
}

}  // namespace pact::broker::html
