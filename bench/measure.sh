# Shared by the bench scripts (source it): the median of numbers on stdin, and the idle memory of a
# tray app started in the background.

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# rss_mb PID: that process's resident memory now, in MB.
rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }

# idle_rss_mb COMMAND...: starts COMMAND, waits 20 s, prints its resident memory in MB, stops it.
# COMMAND must be the process itself (an exec'ing launcher, not a shell function), so that kill reaches it.
idle_rss_mb() {
  "$@" >/dev/null 2>&1 &
  local pid=$!
  sleep 20
  rss_mb $pid
  kill $pid; wait $pid 2>/dev/null || true
}
