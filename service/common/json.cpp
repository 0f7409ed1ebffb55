#include "common/json.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>

#include "common/text.hpp"

namespace sopan::json_util {

Result<boost::json::value> parse(std::string_view text) {
  boost::json::parse_options opts;
  opts.max_depth = kMaxDepth;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec, {}, opts);
  if (ec) {
    std::string why =
        ec == boost::json::error::too_deep
            ? "struktur JSON terlalu dalam (maksimal " + std::to_string(kMaxDepth) + " tingkat)"
            : "JSON tidak dapat dibaca";
    return field_error(Errc::kInvalidArgument, "Isi permintaan bukan JSON yang valid", "", why);
  }
  return v;
}

namespace {

/// The first control character a request string may not hold: TAB and LF only. CR too is
/// refused (LF is the one line end; the web app sends files with LF), so no stored text can
/// carry a line end that some reader takes for a break and another does not.
std::size_t find_refused_control(std::string_view s) {
  return text::find_forbidden_control(s, text::Lines::kMulti);
}

std::string control_message(std::string_view s, std::size_t at, std::string_view what) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X",
                static_cast<unsigned>(static_cast<unsigned char>(s[at])));
  return std::string(what) + " memuat karakter kendali " + code + " (karakter ke-" +
         std::to_string(text::utf8_length(s.substr(0, at)) + 1) + ") yang tidak diizinkan";
}

struct RequestChecker {
  Problems structure;  // 400: the shape is beyond the limits
  Problems content;    // 422: a character that may not be stored

  void check(const boost::json::value& v, std::string& pointer, std::size_t depth) {
    if (depth > kMaxDepth) {
      structure.add(pointer, "Struktur JSON terlalu dalam (maksimal " + std::to_string(kMaxDepth) +
                                 " tingkat)");
      return;
    }
    if (const auto* s = v.if_string()) {
      std::string_view text = *s;
      if (auto at = find_refused_control(text); at != std::string_view::npos)
        content.add(pointer, control_message(text, at, "Teks"));
    } else if (const auto* o = v.if_object()) {
      for (const auto& kv : *o) {
        std::string_view key = kv.key();
        if (key.size() > kMaxKeyBytes) {
          structure.add(pointer, "Nama isian terlalu panjang (maksimal " +
                                     std::to_string(kMaxKeyBytes) + " bita)");
          continue;
        }
        if (auto at = find_refused_control(key); at != std::string_view::npos) {
          content.add(pointer, control_message(key, at, "Nama isian"));
          continue;
        }
        const std::size_t size = pointer.size();
        pointer += "/";
        pointer += escape_pointer_token(key);
        check(kv.value(), pointer, depth + 1);
        pointer.resize(size);
      }
    } else if (const auto* a = v.if_array()) {
      for (std::size_t i = 0; i < a->size(); ++i) {
        const std::size_t size = pointer.size();
        pointer += "/" + std::to_string(i);
        check((*a)[i], pointer, depth + 1);
        pointer.resize(size);
      }
    }
  }
};

void indent(std::string& out, int depth) { out.append(static_cast<std::size_t>(depth) * 2, ' '); }

void pretty_into(std::string& out, const boost::json::value& v, int depth) {
  if (v.is_object()) {
    const auto& o = v.get_object();
    if (o.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& kv : o) {
      if (!first) out += ",\n";
      first = false;
      indent(out, depth + 1);
      out += boost::json::serialize(boost::json::string_view(kv.key()));
      out += ": ";
      pretty_into(out, kv.value(), depth + 1);
    }
    out += "\n";
    indent(out, depth);
    out += "}";
  } else if (v.is_array()) {
    const auto& a = v.get_array();
    if (a.empty()) {
      out += "[]";
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (i) out += ",\n";
      indent(out, depth + 1);
      pretty_into(out, a[i], depth + 1);
    }
    out += "\n";
    indent(out, depth);
    out += "]";
  } else {
    out += boost::json::serialize(v);
  }
}
}  // namespace

Status check_request_value(const boost::json::value& v) {
  RequestChecker checker;
  std::string pointer;
  checker.check(v, pointer, 0);
  if (!checker.structure.empty())
    return checker.structure.to_error("Isi permintaan melampaui batas yang diizinkan",
                                      Errc::kInvalidArgument);
  if (!checker.content.empty())
    return checker.content.to_error("Isian memuat karakter yang tidak diizinkan");
  return {};
}

Result<boost::json::value> parse_request(std::string_view text) {
  auto v = parse(text);
  if (!v) return v;
  if (auto s = check_request_value(*v); !s) return s.error();
  return v;
}

std::string pretty(const boost::json::value& v) {
  std::string out;
  pretty_into(out, v, 0);
  out += "\n";
  return out;
}

std::optional<std::string_view> string_field(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return std::nullopt;
  return std::string_view(it->value().get_string());
}

std::string text_field(const boost::json::object& o, std::string_view key) {
  return std::string(string_field(o, key).value_or(""));
}

const boost::json::object* object_field(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  return v ? v->if_object() : nullptr;
}

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

namespace {

void diff_into(const boost::json::value& a, const boost::json::value& b, const std::string& path,
               std::vector<Change>& out) {
  if (a.is_object() && b.is_object()) {
    const auto &oa = a.get_object(), &ob = b.get_object();
    for (const auto& kv : oa) {
      std::string p = path + "/" + escape_pointer_token(kv.key());
      if (const auto* other = ob.if_contains(kv.key()))
        diff_into(kv.value(), *other, p, out);
      else
        out.push_back({p, "removed", kv.value(), nullptr});
    }
    for (const auto& kv : ob)
      if (!oa.contains(kv.key()))
        out.push_back({path + "/" + escape_pointer_token(kv.key()), "added", nullptr, kv.value()});
    return;
  }
  if (a.is_array() && b.is_array()) {
    const auto &aa = a.get_array(), &ab = b.get_array();
    for (std::size_t i = 0; i < std::max(aa.size(), ab.size()); ++i) {
      std::string p = path + "/" + std::to_string(i);
      if (i >= ab.size())
        out.push_back({p, "removed", aa[i], nullptr});
      else if (i >= aa.size())
        out.push_back({p, "added", nullptr, ab[i]});
      else
        diff_into(aa[i], ab[i], p, out);
    }
    return;
  }
  if (a != b) out.push_back({path, "changed", a, b});
}
}  // namespace

std::vector<Change> diff(const boost::json::value& a, const boost::json::value& b) {
  std::vector<Change> out;
  diff_into(a, b, "", out);
  return out;
}

}  // namespace sopan::json_util
