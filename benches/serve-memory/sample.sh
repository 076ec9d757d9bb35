#!/bin/bash
# samples a pid's memory every second: VmRSS RssAnon RssFile VmHWM (KiB)
pid=$1
while kill -0 $pid 2>/dev/null; do
  awk '/^(VmRSS|RssAnon|RssFile|VmHWM|Threads):/ {printf "%s %s ", $1, $2} END {print ""}' /proc/$pid/status
  sleep 1
done
