#!/usr/bin/env bash
# The demo: seven weeks of a diary logged through the `legdiary` command the way a person
# would — socks and swelling in the evening, a cramp at 3 a.m., a check-in in the morning —
# with LEGDIARY_NOW standing in for the clock, then the trends and the exports; then a short
# randomised trial of the stockings followed day by day (`trial today`, `trial status`),
# and the clinician report with the trial in it.
#
# Usage: examples/demo.sh LEGDIARY_BINARY OUTPUT_FOLDER
# The diary is the default one of whoever runs it, so run it with XDG_DATA_HOME or
# LEGDIARY_DB pointing somewhere harmless (scripts/demo does).
set -euo pipefail
legdiary=$1
out=$2
mkdir -p "$out"
export TZ=Europe/Berlin   # the clocks go back on 2026-10-25: the demo crosses that night
RANDOM=2026               # the same diary every run

at() { LEGDIARY_NOW="$1" "$legdiary" "${@:2}" >/dev/null; }
# Draws a number below $1 into $n. No $(...) here: a subshell would not advance RANDOM,
# and the diary would no longer be the same on every run.
draw() { n=$((RANDOM % $1)); }

"$legdiary" init
first=2026-10-03
socks_from=2026-10-24   # started wearing 20-30 mmHg knee stockings that Saturday
for i in $(seq 0 48); do
  night=$(date -d "$first + $i days" +%F)
  morning=$(date -d "$night + 1 day" +%F)
  draw 10; [ "$n" -eq 0 ] && continue   # now and then nothing is logged at all

  draw 3; swelling=$n
  day_args=(log day --swelling "$swelling")
  draw 5
  if [[ ! "$night" < "$socks_from" ]] && [ "$n" -ne 0 ]; then
    socks=1
    draw 5; hours="$((7 + n)).5"
    draw 4; day_args+=(--socks "$hours" --class 20-30 --length knee --symptom heaviness=$n)
  else
    socks=0
    draw 5; heaviness=$((3 + n))
    draw 4; day_args+=(--socks 0 --symptom heaviness=$heaviness --symptom aching=$((2 + n)))
  fi
  draw 4; [ "$n" -eq 0 ] && day_args+=(--tag magnesium)
  draw 6; [ "$n" -eq 0 ] && { draw 3; day_args+=(--calf "$((36 + n)).5,$((36 + n))"); }
  [ "$night" == 2026-11-12 ] && day_args+=(--calf 41.5,37 --tag long-flight)
  at "${night}T21:30:00" "${day_args[@]}"

  # Fewer cramps after a day with socks: 3 in 10 chances per slot instead of 6.
  chance=$(( socks ? 3 : 6 ))
  cramps=0
  for hour in 01 03 05; do
    draw 10
    if [ "$n" -lt "$chance" ]; then
      draw 6; minute=$(printf %02d $((n * 10)))
      draw 2; leg=$([ "$n" -eq 0 ] && echo left || echo right)
      draw 150; duration="$((30 + n))s"
      draw 7; intensity=$((3 + n))
      draw 5; woke=$([ "$n" -eq 0 ] && echo --no-woke || echo --woke)
      at "${morning}T${hour}:59:00" log cramp --at "${hour}:${minute}" --leg "$leg" \
         --duration "$duration" --intensity "$intensity" "$woke"
      cramps=$((cramps + 1))
    fi
  done
  draw 4; quality=$(( cramps ? 3 + n : 6 + n ))
  at "${morning}T07:30:00" log night --bed 23:00 --wake 07:00 --sleep-quality "$quality"
done

export LEGDIARY_NOW=2026-11-21T09:00:00   # Saturday morning: last night is Fri 20 Nov
echo
"$legdiary" trends --weeks 7 --compare after:$socks_from
echo
"$legdiary" export --format fhir -o "$out/diary-fhir.json"
"$legdiary" export --format csv -o "$out/csv"

# Does it help *me*? A short randomised N-of-1 trial of the stockings, planned that
# Saturday morning: 2 nights of run-in, then 4 blocks of two 5-night periods in random
# order, the first night of each period a washout. Each morning the person asks what to
# do today, does it, and logs the day, the cramps and the check-in as before.
echo
"$legdiary" trial plan --exposure compression --run-in 2 --blocks 4 --period 5 --washout 1 --seed 2026 \
  --name "Knee stockings, 20-30 mmHg" --hypothesis "Stockings in the day mean fewer cramps at night"
"$legdiary" trial calendar -o "$out/trial.ics"   # a reminder each morning, for the phone's calendar
trial_first=2026-11-21
for i in $(seq 0 41); do
  night=$(date -d "$trial_first + $i days" +%F)
  morning=$(date -d "$night + 1 day" +%F)
  today=$(LEGDIARY_NOW="${night}T08:00:00" "$legdiary" trial today)
  case $i in 0|2|8) echo; echo "$night: $today" ;; esac
  if [[ "$today" == *"wear your stockings"* ]]; then
    draw 3; socks=1; day_args=(log day --socks "$((7 + n)).5" --class 20-30 --length knee)
  else
    socks=0; day_args=(log day --socks 0)
  fi
  draw 3; at "${night}T21:30:00" "${day_args[@]}" --swelling "$n"
  chance=$(( socks ? 3 : 5 ))
  cramps=0
  for hour in 01 04; do
    draw 10
    if [ "$n" -lt "$chance" ]; then
      draw 6; minute=$(printf %02d $((n * 10)))
      draw 120; duration="$((40 + n))s"
      draw 6; intensity=$((3 + n))
      at "${morning}T${hour}:59:00" log cramp --at "${hour}:${minute}" --leg left --duration "$duration" \
         --intensity "$intensity" --woke
      cramps=$((cramps + 1))
    fi
  done
  draw 4; [ "$n" -eq 0 ] && continue   # a morning without a check-in now and then
  at "${morning}T07:30:00" log night --bed 23:00 --wake 07:00 --sleep-quality $(( cramps ? 4 : 7 ))
  if [ "$i" -eq 21 ]; then
    echo; echo "== halfway ($morning): an interim look"
    LEGDIARY_NOW="${morning}T09:00:00" "$legdiary" trial status
  fi
done
export LEGDIARY_NOW=2027-01-02T09:00:00   # the morning after the trial's last night
echo; echo "== the trial's result"
"$legdiary" trial status
"$legdiary" report --from 2026-10-04 --to 2027-01-01 --compare after:$socks_from -o "$out/report.html"
