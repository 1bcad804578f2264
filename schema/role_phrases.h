// The words that name an office after a country or its demonym ("Russian
// President", "Pakistan's prime minister") or before "of <country>", with
// the gazetteer role they mean. One list for the indexer, which resolves
// them in text to the holder on the article's date, and the searcher, which
// resolves them in queries, so both ask for exactly the same offices.
// Thread-safety: immutable data.
#pragma once

#include <string_view>
#include <vector>

namespace communique {

struct RolePhrase {
  std::vector<std::string_view> words;  // folded
  std::string_view role;                // as in leaders.json
};

// Longer phrases first within a head word ("vice president" before
// "president"), so a scan that takes the first match takes the longest.
inline const std::vector<RolePhrase>& RolePhrases() {
  static const std::vector<RolePhrase> phrases = {
      {{"prime", "minister"}, "prime minister"},
      {{"foreign", "minister"}, "foreign minister"},
      {{"finance", "minister"}, "finance minister"},
      {{"treasury", "secretary"}, "finance minister"},
      {{"vice", "president"}, "vice president"},
      {{"secretary", "of", "state"}, "secretary of state"},
      {{"crown", "prince"}, "crown prince"},
      {{"supreme", "leader"}, "supreme leader"},
      {{"president"}, "president"},
      {{"premier"}, "prime minister"},
      {{"pm"}, "prime minister"},
      {{"chancellor"}, "chancellor"},
      {{"king"}, "king"},
      {{"emir"}, "emir"},
  };
  return phrases;
}

}  // namespace communique
