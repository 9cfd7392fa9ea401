#include "core/load/submission.h"

namespace sdlab {

Location EquationText::At(std::size_t offset) const {
  if (!offsets.empty()) return offsets[std::min(offset, offsets.size() - 1)];
  if (!location.known()) return location;
  return Location{location.line, location.column + static_cast<int>(offset)};
}

const Answer* Answers::Find(const std::string& question_id) const {
  for (const Answer& answer : items) {
    if (answer.question_id == question_id) return &answer;
  }
  return nullptr;
}

}  // namespace sdlab
