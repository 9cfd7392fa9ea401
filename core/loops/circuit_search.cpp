#include "core/loops/circuit_search.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <queue>
#include <utility>

namespace sdlab {

namespace {

// The search's state for a graph: which group (component still to search)
// each vertex is in, and Johnson's blocked flags and B lists.
class CircuitSearch {
 public:
  CircuitSearch(const std::vector<std::vector<int>>& successors,
                const std::function<void(const std::vector<int>&)>& visit)
      : successors_(successors),
        visit_(visit),
        group_(successors.size(), kNone),
        index_(successors.size(), -1),
        low_(successors.size(), 0),
        on_stack_(successors.size(), false),
        blocked_(successors.size(), false),
        b_(successors.size()) {}

  void Run() {
    std::vector<int> all(successors_.size());
    for (std::size_t v = 0; v < all.size(); ++v) {
      all[v] = static_cast<int>(v);
      group_[v] = 0;
    }
    Split(all, 0);
    while (!queue_.empty()) {
      const int group = queue_.top().second;
      queue_.pop();
      std::vector<int> members = std::move(members_[static_cast<std::size_t>(group)]);
      const int start = members.front();
      CircuitsThrough(start, group, members);
      // Circuits whose smallest vertex comes later lie in the components
      // of what is left without the start.
      group_[static_cast<std::size_t>(start)] = kNone;
      members.erase(members.begin());
      Split(members, group);
    }
  }

 private:
  static constexpr int kNone = -1;

  bool LinksToItself(int v) const {
    const std::vector<int>& out = successors_[static_cast<std::size_t>(v)];
    return std::binary_search(out.begin(), out.end(), v);
  }

  // Tarjan's strongly connected components of the vertices of `group`
  // (`members`, in increasing order), with its own stack. Each component
  // that can hold a circuit becomes a new group, queued by its smallest
  // vertex; the other vertices leave the search.
  void Split(const std::vector<int>& members, int group) {
    for (int v : members) index_[static_cast<std::size_t>(v)] = -1;
    int counter = 0;
    std::vector<int> stack;
    std::vector<std::pair<int, std::size_t>> calls;  // vertex, next successor
    std::vector<std::vector<int>> found;
    auto enter = [&](int v) {
      index_[static_cast<std::size_t>(v)] = low_[static_cast<std::size_t>(v)] = counter++;
      stack.push_back(v);
      on_stack_[static_cast<std::size_t>(v)] = true;
      calls.emplace_back(v, 0);
    };
    for (int root : members) {
      if (index_[static_cast<std::size_t>(root)] != -1) continue;
      enter(root);
      while (!calls.empty()) {
        const int v = calls.back().first;
        const std::vector<int>& out = successors_[static_cast<std::size_t>(v)];
        if (calls.back().second < out.size()) {
          const int w = out[calls.back().second++];
          if (group_[static_cast<std::size_t>(w)] != group) continue;
          if (index_[static_cast<std::size_t>(w)] == -1) {
            enter(w);
          } else if (on_stack_[static_cast<std::size_t>(w)]) {
            low_[static_cast<std::size_t>(v)] =
                std::min(low_[static_cast<std::size_t>(v)], index_[static_cast<std::size_t>(w)]);
          }
          continue;
        }
        if (low_[static_cast<std::size_t>(v)] == index_[static_cast<std::size_t>(v)]) {
          std::vector<int> component;
          int w;
          do {
            w = stack.back();
            stack.pop_back();
            on_stack_[static_cast<std::size_t>(w)] = false;
            component.push_back(w);
          } while (w != v);
          found.push_back(std::move(component));
        }
        calls.pop_back();
        if (!calls.empty()) {
          const std::size_t parent = static_cast<std::size_t>(calls.back().first);
          low_[parent] = std::min(low_[parent], low_[static_cast<std::size_t>(v)]);
        }
      }
    }
    for (std::vector<int>& component : found) {
      const bool cyclic = component.size() > 1 || LinksToItself(component.front());
      if (!cyclic) {
        group_[static_cast<std::size_t>(component.front())] = kNone;
        continue;
      }
      std::sort(component.begin(), component.end());
      const int id = static_cast<int>(members_.size());
      for (int v : component) group_[static_cast<std::size_t>(v)] = id;
      queue_.emplace(component.front(), id);
      members_.push_back(std::move(component));
    }
  }

  void Unblock(int u) {
    if (!blocked_[static_cast<std::size_t>(u)]) return;
    unblock_.assign(1, u);
    while (!unblock_.empty()) {
      const std::size_t x = static_cast<std::size_t>(unblock_.back());
      unblock_.pop_back();
      if (!blocked_[x]) continue;
      blocked_[x] = false;
      for (int w : b_[x]) {
        if (blocked_[static_cast<std::size_t>(w)]) unblock_.push_back(w);
      }
      b_[x].clear();
    }
  }

  // Johnson's CIRCUIT(start) inside `group` (its vertices `members`, the
  // smallest of them `start`): a depth-first walk in successor order, so the circuits come in
  // lexicographic order.
  void CircuitsThrough(int start, int group, const std::vector<int>& members) {
    for (int v : members) {
      blocked_[static_cast<std::size_t>(v)] = false;
      b_[static_cast<std::size_t>(v)].clear();
    }
    struct Frame {
      int v;
      std::size_t next;
      bool found;
    };
    std::vector<int> path{start};
    std::vector<Frame> frames{{start, 0, false}};
    blocked_[static_cast<std::size_t>(start)] = true;
    while (!frames.empty()) {
      Frame& frame = frames.back();
      const std::vector<int>& out = successors_[static_cast<std::size_t>(frame.v)];
      if (frame.next < out.size()) {
        const int w = out[frame.next++];
        if (group_[static_cast<std::size_t>(w)] != group) continue;
        if (w == start) {
          visit_(path);
          frame.found = true;
        } else if (!blocked_[static_cast<std::size_t>(w)]) {
          blocked_[static_cast<std::size_t>(w)] = true;
          path.push_back(w);
          frames.push_back({w, 0, false});
        }
        continue;
      }
      const int v = frame.v;
      const bool found = frame.found;
      if (found) {
        Unblock(v);
      } else {
        for (int w : out) {
          if (group_[static_cast<std::size_t>(w)] != group) continue;
          // Johnson adds v only when it is not in B(w) yet; a repeat is
          // harmless (Unblock skips what is unblocked already) and costs no
          // more than the visit that added it, so no search for it.
          b_[static_cast<std::size_t>(w)].push_back(v);
        }
      }
      frames.pop_back();
      path.pop_back();
      if (found && !frames.empty()) frames.back().found = true;
    }
  }

  const std::vector<std::vector<int>>& successors_;
  const std::function<void(const std::vector<int>&)>& visit_;
  std::vector<int> group_;
  std::vector<int> index_;
  std::vector<int> low_;
  std::vector<char> on_stack_;
  std::vector<char> blocked_;
  std::vector<std::vector<int>> b_;
  std::vector<int> unblock_;               // Unblock's work list, kept to reuse its memory
  std::vector<std::vector<int>> members_;  // of each group, in increasing order
  // Groups still to search, smallest first vertex first.
  std::priority_queue<std::pair<int, int>, std::vector<std::pair<int, int>>,
                      std::greater<std::pair<int, int>>>
      queue_;
};

}  // namespace

void ForEachCircuit(const std::vector<std::vector<int>>& successors,
                    const std::function<void(const std::vector<int>&)>& visit) {
  CircuitSearch(successors, visit).Run();
}

}  // namespace sdlab
