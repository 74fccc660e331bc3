#include "broker/html/badge.hpp"

#include "broker/html/html_text.hpp"

namespace pact::broker::html {
namespace {

// An estimate of the text's width in 11px Verdana-like glyphs; badges only need to look right, and
// measuring real glyphs would need a font on the server.
int text_width(std::string_view text) {
    int width = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte: counted with its lead byte
        width += (c == 'i' || c == 'l' || c == 'j' || c == '.' || c == ' ' || c == '/' || c == '-') ? 4 : (c >= 'A' && c <= 'Z') || c == 'm' || c == 'w' ? 9 : 7;
    }
    return width;
}

std::string_view colour_of(badge_state state) {
    switch (state) {
        case badge_state::success: return "#4c1";
        case badge_state::failure: return "#e05d44";
        case badge_state::unknown: return "#9f9f9f";
    }
    return "#9f9f9f";
}

}  // namespace

badge_state badge_state_of(std::optional<bool> outcome) {
    if (!outcome) return badge_state::unknown;
    return *outcome ? badge_state::success : badge_state::failure;
}

std::string render_badge(std::string_view label, std::string_view message, badge_state state) {
    const int label_width = text_width(label) + 12;
    const int message_width = text_width(message) + 12;
    const int width = label_width + message_width;
    const auto number = [](int value) { return std::to_string(value); };
    const std::string escaped_label = escape_html(label);
    const std::string escaped_message = escape_html(message);
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(width) + "\" height=\"20\" role=\"img\" aria-label=\"" +
                      escaped_label + ": " + escaped_message + "\">";
    svg += "<title>" + escaped_label + ": " + escaped_message + "</title>";
    svg += "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>";
    svg += "<clipPath id=\"r\"><rect width=\"" + number(width) + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>";
    svg += "<g clip-path=\"url(#r)\"><rect width=\"" + number(label_width) + "\" height=\"20\" fill=\"#555\"/>";
    svg += "<rect x=\"" + number(label_width) + "\" width=\"" + number(message_width) + "\" height=\"20\" fill=\"" + std::string(colour_of(state)) + "\"/>";
    svg += "<rect width=\"" + number(width) + "\" height=\"20\" fill=\"url(#s)\"/></g>";
    svg += "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">";
    svg += "<text x=\"" + number(label_width / 2) + "\" y=\"14\">" + escaped_label + "</text>";
    svg += "<text x=\"" + number(label_width + message_width / 2) + "\" y=\"14\">" + escaped_message + "</text></g></svg>";
    return svg;
}

std::string render_pact_badge(std::string_view consumer, std::string_view provider, std::optional<bool> verified) {
    const std::string label = std::string(consumer) + "/" + std::string(provider) + " pact";
    return render_badge(label, !verified ? "unknown" : *verified ? "verified" : "failed", badge_state_of(verified));
}

std::string render_can_i_deploy_badge(std::string_view environment, std::optional<bool> deployable) {
    const std::string label = "can-i-deploy to " + std::string(environment);
    return render_badge(label, !deployable ? "unknown" : *deployable ? "yes" : "no", badge_state_of(deployable));
}

}  // namespace pact::broker::html
