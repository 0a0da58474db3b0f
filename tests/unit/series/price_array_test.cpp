// series::PriceArray: an owned array behaves like std::vector<double>; a view reads the shared
// block without copying, keeps it alive, and is copied into an owned array before any edit
// (the block itself is never written).
#include <aftershock/series/price_array.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <utility>
#include <vector>

namespace aftershock::series {
namespace {

TEST(PriceArray, OwnedBehavesLikeAVector) {
  PriceArray a = std::vector<double>{1.0, 2.0, 3.0};
  EXPECT_FALSE(a.is_view());
  ASSERT_EQ(a.size(), 3U);
  a.push_back(4.0);
  a[0] = 0.5;
  a.erase(a.begin() + 1);
  EXPECT_EQ(std::vector<double>(std::as_const(a).begin(), std::as_const(a).end()),
            (std::vector<double>{0.5, 3.0, 4.0}));
  PriceArray copy = a;
  copy[0] = 9.0;
  EXPECT_EQ(std::as_const(a)[0], 0.5); // copies are independent
  PriceArray moved = std::move(copy);
  EXPECT_EQ(moved.size(), 3U);
  EXPECT_EQ(std::as_const(moved)[0], 9.0);
  a.assign(2, 7.0);
  EXPECT_EQ(a.size(), 2U);
  EXPECT_EQ(a.back(), 7.0);
}

TEST(PriceArray, ViewSharesTheBlockUntilEdited) {
  auto block = std::make_shared<std::vector<double>>(std::vector<double>{1.0, 2.0, 3.0, 4.0});
  const std::weak_ptr<std::vector<double>> watch = block;
  PriceArray view = PriceArray::view({block->data() + 1, 2}, block);
  block.reset(); // the view keeps the block alive
  ASSERT_FALSE(watch.expired());
  EXPECT_TRUE(view.is_view());
  const PriceArray& read = view;
  EXPECT_EQ(read.size(), 2U);
  EXPECT_EQ(read[0], 2.0);
  EXPECT_EQ(read.span().data(), watch.lock()->data() + 1); // no copy
  PriceArray copy = view; // a copy is another view of the same block
  EXPECT_TRUE(copy.is_view());
  EXPECT_EQ(std::as_const(copy).data(), read.data());
  copy[1] = 30.0; // an edit copies first; the block is unchanged
  EXPECT_FALSE(copy.is_view());
  EXPECT_EQ(std::as_const(copy)[1], 30.0);
  EXPECT_EQ((*watch.lock())[2], 3.0);
  view.resize(3);
  EXPECT_FALSE(view.is_view());
  EXPECT_EQ(std::as_const(view)[1], 3.0);
  copy = PriceArray{};
  view = PriceArray{};
  EXPECT_TRUE(watch.expired()); // the last view gone, the block is freed
}

} // namespace
} // namespace aftershock::series
