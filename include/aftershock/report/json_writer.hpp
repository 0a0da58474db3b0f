#pragma once
// A direct JSON writer (issue 6): appends JSON text to a string without building a document
// tree. Its bytes are those of nlohmann::ordered_json::dump(2) (Layout::pretty) or dump()
// (Layout::compact) of the same values: the same separators and indentation, the same string
// escaping (ensure_ascii off) and nlohmann's own shortest round-trip double format (so 5.0 is
// `5.0`, 1e-05 is `1e-05`, -0.0 is `-0.0`). Used by the JSON and JSON Lines renderers, where
// the per-firm trees dominated the rendering of 100,000 firm-events. Small writes (separators,
// keys, numbers) go to a fixed staging buffer by pointer and reach the string in blocks (issue 6:
// appending each character and token to the string was ~20 CPU-ms of a 10,000-firm-event run).

#include <aftershock/calendar/date.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::report {

class JsonWriter {
public:
  enum class Layout {
    pretty,  // nlohmann dump(2): two-space indentation, `"key": value`, one value a line
    compact, // nlohmann dump(): no whitespace at all
  };
  // Whether the innermost open container of a resumed writer already has elements.
  enum class Innermost { empty, has_elements };

  // A writer at the top level (nothing open yet).
  explicit JsonWriter(Layout layout);
  // A writer that continues text written elsewhere, inside `open_containers` (>= 1) open
  // containers: the outer ones have elements, the innermost as `innermost` says. Used to render
  // the elements of one array in several pieces (threads, streamed chunks) and to close it.
  JsonWriter(Layout layout, std::size_t open_containers, Innermost innermost);

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // The key of the next value, inside an object.
  void key(std::string_view name);

  void string(std::string_view text); // escaped as nlohmann does (invalid UTF-8: it throws)
  void number(double value);          // null when not finite (NaN is "missing")
  void integer(std::int64_t value);
  void unsigned_integer(std::uint64_t value);
  void boolean(bool value);
  void null();
  // `date` as the string YYYY-MM-DD (calendar::format_iso).
  void date(calendar::Date date);
  // `text` appended as it is (e.g. the newline after a JSON Lines line).
  void raw(std::string_view text);
  // The innermost open container got elements from text written by other writers (pieces
  // rendered on other threads or streamed): the next element is preceded by a comma.
  void set_innermost(Innermost innermost);

  // Open containers (0 at the top level).
  std::size_t depth() const noexcept { return m_has_elements.size(); }
  // The text so far.
  const std::string& text() const {
    flush();
    return m_out;
  }
  // Moves the text out; the writer keeps its position (open containers) and starts a new text.
  std::string take();
  // Continues the text in `buffer`'s storage: its contents are dropped, its capacity is kept (a
  // buffer recycled from an earlier piece needs no new pages). Call before writing anything.
  void use_buffer(std::string buffer);
  // Makes room for `bytes` bytes of text in all (a no-op when the capacity is already there):
  // a text that would otherwise grow by doubling is not copied and its pages not touched twice.
  void reserve(std::size_t bytes) { m_out.reserve(bytes); }

private:
  static constexpr std::size_t k_stage_size = 2048;
  // Bytes a staged write may take at most (longer text goes to the string directly).
  static constexpr std::size_t k_staged_max = 256;

  void before_value(); // the separator and indentation before a value or key
  void open(char bracket);
  void close(char bracket);
  // The newline and indentation at the current depth (pretty layout).
  void newline_and_indent(std::size_t depth);
  // A pointer to at least `bytes` (<= k_staged_max) free bytes of the stage; the caller writes
  // there and calls staged(end).
  char* room(std::size_t bytes) {
    if (m_staged + bytes > k_stage_size)
      flush();
    return m_stage.data() + m_staged;
  }
  void staged(const char* end) noexcept {
    m_staged = static_cast<std::size_t>(end - m_stage.data());
  }
  // `text` as it is, staged when short.
  void put(std::string_view text);
  // The staged bytes appended to the string.
  void flush() const {
    m_out.append(m_stage.data(), m_staged);
    m_staged = 0;
  }

  // The text of recently written doubles by bit pattern (a firm's JSON repeats some: a
  // coefficient is also alpha or beta, the one-day CAR is that day's AR, the market return of a
  // date recurs in every firm-event on it), so those skip the shortest-digits search. Made on
  // the first number().
  struct NumberCache;
  struct NumberCacheDeleter {
    void operator()(NumberCache* cache) const noexcept;
  };

  Layout m_layout;
  std::unique_ptr<NumberCache, NumberCacheDeleter> m_numbers;
  // The text: m_out, then the m_staged bytes of m_stage (mutable: text() flushes).
  mutable std::string m_out;
  mutable std::array<char, k_stage_size> m_stage{};
  mutable std::size_t m_staged = 0;
  std::vector<char> m_has_elements; // per open container, outermost first: has elements
  bool m_after_key = false;
};

// The text of `value` as nlohmann::json(value).dump() writes it (null when not finite).
std::string json_number_text(double value);

} // namespace aftershock::report
