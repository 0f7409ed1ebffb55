// The store's snapshot: reads made through it see one moment, whatever is written after.
#include "index/store.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace sopan::index {
namespace {
using sopan::testing::IsOk;

TEST(StoreSnapshotTest, ASnapshotKeepsTheStateOfItsMoment) {
  sopan::testing::TempDir dir;
  auto store = Store::open(dir.path() / "index");
  ASSERT_THAT(store, IsOk());
  Batch first;
  first.put(Cf::kDocs, "d1", "versi 1");
  first.put(Cf::kContent, "d1/main", "isi 1");
  ASSERT_THAT((*store)->write(std::move(first)), IsOk());

  auto view = (*store)->snapshot();
  Batch second;
  second.put(Cf::kDocs, "d1", "versi 2");
  second.put(Cf::kContent, "d1/main", "isi 2");
  second.put(Cf::kContent, "d2/main", "baru");
  ASSERT_THAT((*store)->write(std::move(second)), IsOk());

  // The snapshot pairs version 1 with its own content; the store has moved on.
  EXPECT_EQ(*view->get(Cf::kDocs, "d1").value(), "versi 1");
  EXPECT_EQ(*view->get(Cf::kContent, "d1/main").value(), "isi 1");
  EXPECT_FALSE(view->get(Cf::kContent, "d2/main").value().has_value());
  EXPECT_EQ(*(*store)->get(Cf::kContent, "d1/main").value(), "isi 2");
  std::size_t seen = 0;
  ASSERT_THAT(view->scan(Cf::kContent, "d",
                         [&](std::string_view, std::string_view) { return ++seen, true; }),
              IsOk());
  EXPECT_EQ(seen, 1u);
}

}  // namespace
}  // namespace sopan::index
