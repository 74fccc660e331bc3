#include "broker/html/html_text.hpp"

namespace pact::broker::html {
namespace {

// Kept small and in the binary: the broker serves pages without any network beyond itself.
constexpr std::string_view stylesheet = R"css(
:root { --ok: #2e7d32; --ok-bg: #e8f5e9; --bad: #c62828; --bad-bg: #ffebee; --unknown: #757575; --unknown-bg: #f5f5f5; --line: #ddd; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; background: #fafafa; }
nav { background: #263238; padding: 8px 16px; }
nav a { color: #eceff1; margin-right: 18px; text-decoration: none; font-weight: 600; }
nav a:hover { text-decoration: underline; }
main { padding: 16px; max-width: 1400px; }
h1 { font-size: 22px; margin: 4px 0 12px; }
h2 { font-size: 17px; margin: 18px 0 8px; }
h3 { font-size: 15px; margin: 12px 0 6px; }
a { color: #1565c0; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #eceff1; position: sticky; top: 0; }
tr.success td.state, .success { background: var(--ok-bg); }
tr.failure td.state, .failure { background: var(--bad-bg); }
tr.unknown td.state, .unknown { background: var(--unknown-bg); }
.status-success { color: var(--ok); font-weight: 600; }
.status-failure { color: var(--bad); font-weight: 600; }
.status-unknown { color: var(--unknown); font-weight: 600; }
.muted { color: #757575; font-size: 12px; }
.tag, .branch, .env { display: inline-block; padding: 0 6px; margin: 1px 2px; border-radius: 8px; font-size: 12px; }
.tag { background: #fff3e0; } .branch { background: #e3f2fd; } .env { background: #ede7f6; }
pre { background: #fff; border: 1px solid var(--line); padding: 8px; overflow-x: auto; margin: 4px 0; font-size: 13px; }
.columns { display: flex; gap: 16px; align-items: flex-start; }
.columns > .main { flex: 3; min-width: 0; } .columns > .side { flex: 1; min-width: 260px; }
.interaction { background: #fff; border: 1px solid var(--line); padding: 8px 12px; margin-bottom: 12px; }
.box { background: #fff; border: 1px solid var(--line); padding: 8px 12px; margin-bottom: 12px; }
form.filters { margin: 8px 0 12px; } form.filters label { margin-right: 10px; }
.verdict { font-size: 18px; padding: 8px 12px; border: 1px solid var(--line); margin: 8px 0; }
.change-breaking { border-left: 4px solid var(--bad); padding-left: 8px; }
.change-safe { border-left: 4px solid var(--ok); padding-left: 8px; }
.change-note { border-left: 4px solid var(--unknown); padding-left: 8px; }
svg text { font: 11px system-ui, sans-serif; }
)css";

}  // namespace

std::string escape_html(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': escaped += "&amp;"; break;
            case '<': escaped += "&lt;"; break;
            case '>': escaped += "&gt;"; break;
            case '"': escaped += "&quot;"; break;
            case '\'': escaped += "&#39;"; break;
            default: escaped += c;
        }
    }
    return escaped;
}

std::string link_to(std::string_view href, std::string_view text) {
    return "<a href=\"" + escape_html(href) + "\">" + escape_html(text) + "</a>";
}

std::string html_document(std::string_view title, std::string_view base_url, std::string_view body) {
    const std::string base(base_url);
    std::string page = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
    page += "<title>" + escape_html(title) + " · Pact Broker</title><style>";
    page += stylesheet;
    page += "</style></head><body><nav>";
    page += link_to(base + "/", "Pact Broker");
    page += link_to(base + "/integrations/graph", "Network graph");
    page += link_to(base + "/matrix", "Matrix");
    page += link_to(base + "/pacticipants", "Pacticipants (API)");
    page += "</nav><main>";
    page += body;
    page += "</main></body></html>\n";
    return page;
}

std::string readable_time(std::string_view timestamp) {
    if (timestamp.size() >= 16 && timestamp[10] == 'T') return std::string(timestamp.substr(0, 10)) + " " + std::string(timestamp.substr(11, 5));
    return std::string(timestamp);
}

}  // namespace pact::broker::html
