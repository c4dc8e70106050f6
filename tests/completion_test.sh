#!/usr/bin/env bash
# Loads bindings/cli/tempo.bash-completion into bash and asks it what it completes.
set -euo pipefail
source "$1"
TEMPO="$2/tempo"  # the script asks `tempo reference names` (COMP_WORDS[0]) for the help names
complete_words() {  # complete_words WORD... : the completions of the last word
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _tempo
  echo "${COMPREPLY[*]}"
}
expect() {  # expect WANTED WORD...
  local wanted=$1
  shift
  local got
  got=$(complete_words "$@")
  if [[ $got != "$wanted" ]]; then
    echo "completing '$*': got '$got', expected '$wanted'" >&2
    exit 1
  fi
}
expect "explain" tempo exp
expect "diff" tempo di
expect "--version" tempo --v
expect "--format" tempo eval --fo
expect "text csv json" tempo eval --format ""
expect "text json" tempo explain --format ""
expect "--vs-total" tempo diff --v
expect "" tempo eval --total ""
expect "--color" tempo fmt --co
expect "--color --help" tempo help --
expect "auto always never" tempo check --color ""
expect "always" tempo eval --color al
expect "cosine cos" "$TEMPO" help cos
expect "check" "$TEMPO" help che
cd "$(dirname "$1")"
expect "tempo.bash-completion" tempo check tempo.bash
echo "ok"
