#include "broker/domain/webhook_templates.hpp"

#include "pact/base64.hpp"
#include "http/url.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

#include <algorithm>
#include <cctype>

namespace pact::broker::domain {
namespace {

std::string lower(std::string_view text) {
    std::string result(text);
    std::ranges::transform(result, result.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

std::string text_of(const nlohmann::json& context, const char* key) {
    auto found = context.find(key);
    if (found == context.end() || found->is_null()) return {};
    if (found->is_string()) return found->get<std::string>();
    return found->dump();
}

std::string joined(const nlohmann::json& context, const char* key) {
    std::string result;
    auto found = context.find(key);
    if (found == context.end() || !found->is_array()) return result;
    for (const auto& item : *found) result += (result.empty() ? "" : ", ") + (item.is_string() ? item.get<std::string>() : item.dump());
    return result;
}

std::string segment(std::string_view text) { return pact::http::percent_encode_component(text); }

// The verification status words of each CI system, for a verification result (or none yet).
struct status_words {
    const char* success;
    const char* failure;
    const char* pending;
};
std::string status(const nlohmann::json& context, status_words words) {
    auto success = context.find("verificationSuccess");
    if (success == context.end() || !success->is_boolean()) return words.pending;
    return success->get<bool>() ? words.success : words.failure;
}

std::string escaped(const std::string& value, value_escaping escaping) {
    switch (escaping) {
        case value_escaping::url_component: return pact::http::percent_encode_component(value);
        case value_escaping::json_string: {
            auto quoted = nlohmann::json(value).dump();
            return quoted.substr(1, quoted.size() - 2);
        }
        case value_escaping::none: break;
    }
    return value;
}

bool only_template_parameter(const nlohmann::json& value) {
    return value.is_string() && has_template_parameter(value.get<std::string>());
}

}  // namespace

template_values webhook_template_values(const nlohmann::json& context, std::string_view base_url) {
    const auto consumer = text_of(context, "consumerName");
    const auto provider = text_of(context, "providerName");
    const auto sha = text_of(context, "pactVersionSha");
    std::string pact_url;
    if (!sha.empty())
        pact_url = std::string(base_url) + "/pacts/provider/" + segment(provider) + "/consumer/" + segment(consumer) + "/pact-version/" + segment(sha);
    const auto verification_number = text_of(context, "verificationNumber");
    const auto verification_url = pact_url.empty() || verification_number.empty() ? std::string()
                                                                                  : pact_url + "/verification-results/" + verification_number;
    return {
        {"pactbroker.consumerName", consumer},
        {"pactbroker.providerName", provider},
        {"pactbroker.consumerVersionNumber", text_of(context, "consumerVersionNumber")},
        {"pactbroker.providerVersionNumber", text_of(context, "providerVersionNumber")},
        {"pactbroker.consumerVersionBranch", text_of(context, "consumerVersionBranch")},
        {"pactbroker.providerVersionBranch", text_of(context, "providerVersionBranch")},
        {"pactbroker.consumerVersionTags", joined(context, "consumerVersionTags")},
        {"pactbroker.providerVersionTags", joined(context, "providerVersionTags")},
        {"pactbroker.providerVersionDescriptions", ""},
        {"pactbroker.consumerLabels", joined(context, "consumerLabels")},
        {"pactbroker.providerLabels", joined(context, "providerLabels")},
        {"pactbroker.pactUrl", pact_url},
        {"pactbroker.verificationResultUrl", verification_url},
        {"pactbroker.githubVerificationStatus", status(context, {"success", "failure", "pending"})},
        {"pactbroker.bitbucketVerificationStatus", status(context, {"SUCCESSFUL", "FAILED", "INPROGRESS"})},
        {"pactbroker.azureDevOpsVerificationStatus", status(context, {"succeeded", "failed", "pending"})},
        {"pactbroker.gitlabVerificationStatus", status(context, {"success", "failed", "pending"})},
        {"pactbroker.eventName", text_of(context, "eventName")},
        {"pactbroker.buildUrl", text_of(context, "buildUrl")},
        {"pactbroker.currentlyDeployedProviderVersionNumber", ""},
    };
}

bool has_template_parameter(std::string_view text) { return text.find("${") != std::string_view::npos; }

std::string render_template(std::string_view text, const template_values& values, value_escaping escaping) {
    std::string result;
    result.reserve(text.size());
    std::size_t position = 0;
    while (position < text.size()) {
        const auto start = text.find("${", position);
        const auto end = start == std::string_view::npos ? start : text.find('}', start + 2);
        if (end == std::string_view::npos) break;
        auto value = values.find(text.substr(start + 2, end - start - 2));
        result.append(text.substr(position, start - position));
        if (value == values.end()) result.append(text.substr(start, end + 1 - start));
        else result += escaped(value->second, escaping);
        position = end + 1;
    }
    result.append(text.substr(std::min(position, text.size())));
    return result;
}

rendered_webhook_request render_webhook_request(const webhook_request& request, const template_values& values) {
    rendered_webhook_request rendered;
    rendered.method = request.method;
    std::ranges::transform(rendered.method, rendered.method.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    rendered.url = render_template(request.url, values, value_escaping::url_component);
    for (const auto& [name, value] : request.headers.items()) {
        const auto text = render_template(value.is_string() ? value.get<std::string>() : value.dump(), values);
        if (is_secret_header(name)) rendered.secrets.push_back(text);
        rendered.headers.emplace_back(name, text);
    }
    if (request.body.is_string()) rendered.body = render_template(request.body.get<std::string>(), values);
    else if (!request.body.is_null()) rendered.body = render_template(request.body.dump(), values, value_escaping::json_string);
    if (request.username) rendered.username = render_template(*request.username, values);
    if (request.password) {
        rendered.password = render_template(*request.password, values);
        rendered.secrets.push_back(*rendered.password);
        // The Authorization header the credentials become.
        rendered.secrets.push_back(pact::base64_encode(rendered.username.value_or("") + ":" + *rendered.password));
    }
    return rendered;
}

bool is_secret_header(std::string_view name) {
    const auto lowered = lower(name);
    for (std::string_view word : {"authorization", "token", "secret", "password", "key", "cookie"})
        if (lowered.find(word) != std::string::npos) return true;
    return false;
}

nlohmann::json redacted_headers(const nlohmann::json& headers) {
    auto shown = nlohmann::json::object();
    for (const auto& [name, value] : headers.items()) shown[name] = is_secret_header(name) && !only_template_parameter(value) ? "**********" : value;
    return shown;
}

std::optional<std::string> displayed_password(const std::optional<std::string>& password) {
    if (!password || has_template_parameter(*password)) return password;
    return "**********";
}

std::string redact_secrets(std::string text, const std::vector<std::string>& secrets) {
    for (const auto& secret : secrets) {
        if (secret.size() < 4) continue;  // hiding every "a" would make the logs unreadable and reveal nothing
        for (auto found = text.find(secret); found != std::string::npos; found = text.find(secret, found + 8)) text.replace(found, secret.size(), "********");
    }
    return text;
}

std::string webhook_request_description(const webhook_request& request) {
    std::string method = request.method;
    std::ranges::transform(method, method.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    auto parsed = pact::http::parse_url(render_template(request.url, {{"", ""}}));
    return method + " " + (parsed ? parsed->host : request.url);
}

bool host_matches_whitelist_entry(std::string_view host, std::string_view entry) {
    const auto host_name = lower(host);
    const auto wanted = lower(entry);
    if (wanted.starts_with("*.")) return host_name.size() > wanted.size() - 1 && host_name.ends_with(wanted.substr(1));
    boost::system::error_code error;
    auto address = boost::asio::ip::make_address(host_name, error);
    if (error) return host_name == wanted;
    if (auto slash = wanted.find('/'); slash != std::string::npos) {
        if (address.is_v4()) {
            auto network = boost::asio::ip::make_network_v4(wanted, error);
            return !error && (address.to_v4().to_uint() & network.netmask().to_uint()) == network.network().to_uint();
        }
        auto network = boost::asio::ip::make_network_v6(wanted, error);
        if (error) return false;
        auto bytes = address.to_v6().to_bytes();
        auto base = network.network().to_bytes();
        const auto prefix = network.prefix_length();
        for (unsigned bit = 0; bit < prefix; ++bit)
            if (((bytes[bit / 8] ^ base[bit / 8]) >> (7 - bit % 8)) & 1) return false;
        return true;
    }
    auto wanted_address = boost::asio::ip::make_address(wanted, error);
    return !error && wanted_address == address;
}

}  // namespace pact::broker::domain
