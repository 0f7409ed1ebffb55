// Index key decoding (KeyReader over arbitrary bytes), a round trip of components through the
// key encoding (what was appended is what is read back, and order is preserved), and the
// search rows' stored term list.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "index/keys.hpp"
#include "library/kinds.hpp"
#include "library/search.hpp"

namespace {
namespace index = sopan::index;

/// Reads `bytes` as the script of components it starts with (the first byte of each step).
void decode(std::string_view script, std::string_view key) {
  index::KeyReader reader(key);
  for (unsigned char op : script) {
    switch (op % 3) {
      case 0:
        if (!reader.u64()) return;
        break;
      case 1:
        if (!reader.prefixed()) return;
        break;
      default:
        if (!reader.ordered()) return;
    }
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = in.empty() ? 0 : static_cast<unsigned char>(in[0]) % 8;
  decode(in.substr(0, std::min(cut, in.size())), in.substr(std::min(cut, in.size())));

  // Round trip: split the input into two strings and a number, encode, decode.
  const std::size_t half = in.size() / 2;
  const std::string a(in.substr(0, half)), b(in.substr(half));
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(8, in.size()); ++i)
    n = (n << 8) | static_cast<unsigned char>(in[i]);
  std::string key;
  index::append_prefixed(key, a);
  index::append_u64(key, n);
  index::append_ordered(key, b);
  index::KeyReader reader(key);
  auto ra = reader.prefixed();
  auto rn = reader.u64();
  auto rb = reader.ordered();
  if (!ra || !rn || !rb || *ra != a || *rn != n || *rb != b || !reader.done()) std::abort();
  // append_ordered keeps the order of its strings.
  std::string ka, kb;
  index::append_ordered(ka, a);
  index::append_ordered(kb, b);
  if ((a < b) != (ka < kb)) std::abort();

  (void)sopan::library::search::parse_terms(in);
  (void)sopan::library::search::words(in);
  (void)sopan::library::search::terms_of(*sopan::library::find_kind(sopan::library::DocKind::kSop),
                                         in);
  return 0;
}
