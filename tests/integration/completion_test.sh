#!/usr/bin/env bash
# Checks `aftershock completion bash|zsh`: both parse (bash -n; zsh -n when zsh is installed),
# and the bash function completes a command, an option of a command and a shell name.
set -u
binary=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$binary" completion bash >"$work/aftershock.bash" || fail "completion bash exited $?"
"$binary" completion zsh >"$work/_aftershock" || fail "completion zsh exited $?"
bash -n "$work/aftershock.bash" || fail "bash -n rejects the bash script"
if command -v zsh >/dev/null; then
  zsh -n "$work/_aftershock" || fail "zsh -n rejects the zsh script"
fi
"$binary" man >"$work/aftershock.1" || fail "man exited $?"
head -1 "$work/aftershock.1" | grep -q '^\.TH AFTERSHOCK 1' || fail "man page has no .TH line"

# shellcheck disable=SC1091
source "$work/aftershock.bash"
complete_words() { # the words of a command line, the last one being completed
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _aftershock
  echo "${COMPREPLY[*]}"
}
[[ " $(complete_words aftershock rep) " == *" report "* ]] || fail "command 'report' not completed"
[[ " $(complete_words aftershock study --car) " == *" --car-window "* ]] ||
  fail "study option --car-window not completed"
[[ " $(complete_words aftershock report --col) " == *" --columns "* ]] ||
  fail "report option --columns not completed"
[[ " $(complete_words aftershock completion "") " == *" zsh "* ]] || fail "shell names not completed"
touch "$work/prices.csv"
cd "$work" || exit 1
[[ " $(complete_words aftershock study --data pri) " == *" prices.csv "* ]] ||
  fail "file name after --data not completed"
echo "completion scripts ok"
