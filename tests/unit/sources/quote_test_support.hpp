#pragma once
// Moved to tests/support/quote_test_support.hpp (shared with the cli tests); this forwarder keeps
// test files written before the move compiling.
#include "support/quote_test_support.hpp"
