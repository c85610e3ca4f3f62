# shellcheck shell=bash
# Sourced by scripts/bench (--write-iops): a slower disk for one run. The calling shell, and so
# every process it starts afterwards, joins a cgroup whose writes to the block device holding a
# directory are limited to N requests per second (cgroup v2's io.max, or v1's blkio throttle).
# A slower disk, not a slower CPU: SQLite's commits wait on the device as they would on a cheaper
# machine's, while the CPU each ballot costs stays what it is.

write_throttle_cgroup=""
write_throttle_parent=""

# throttle_writes DIR IOPS (a positive whole number): exits 2 with the reason when it cannot.
throttle_writes() {
  local dir=$1 iops=$2 source disk majmin
  if (($(id -u) != 0)); then
    echo "scripts/bench: --write-iops needs root (it makes a cgroup)" >&2; exit 2
  fi
  source=$(findmnt -n -o SOURCE --target "$dir")
  if ! [[ -b "$source" ]]; then
    echo "scripts/bench: --write-iops: $dir is on $source, not a block device" >&2; exit 2
  fi
  # The limit belongs to the whole disk, not to a partition of it.
  disk=$(lsblk -no PKNAME "$source" | head -1)
  [[ -n "$disk" ]] && source=/dev/$disk
  majmin=$(lsblk -dno MAJ:MIN "$source" | tr -d ' ')
  if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
    if ! grep -qw io /sys/fs/cgroup/cgroup.controllers; then
      echo "scripts/bench: --write-iops: cgroup v2 without the io controller" >&2; exit 2
    fi
    write_throttle_parent=/sys/fs/cgroup
    write_throttle_cgroup=/sys/fs/cgroup/asamblea-bench
    echo +io >/sys/fs/cgroup/cgroup.subtree_control
    mkdir -p "$write_throttle_cgroup"
    echo "$majmin wiops=$iops" >"$write_throttle_cgroup/io.max"
  elif [[ -f /sys/fs/cgroup/blkio/blkio.throttle.write_iops_device ]]; then
    write_throttle_parent=/sys/fs/cgroup/blkio
    write_throttle_cgroup=/sys/fs/cgroup/blkio/asamblea-bench
    mkdir -p "$write_throttle_cgroup"
    echo "$majmin $iops" >"$write_throttle_cgroup/blkio.throttle.write_iops_device"
  else
    echo "scripts/bench: --write-iops: no cgroup io (v2) or blkio (v1) controller here" >&2
    exit 2
  fi
  echo $$ >"$write_throttle_cgroup/cgroup.procs"
  echo "== disk writes to $source ($majmin) limited to $iops per second (--write-iops) =="
}

# unthrottle_writes: the shell leaves the cgroup, which goes once no process is left in it.
unthrottle_writes() {
  [[ -n "$write_throttle_cgroup" ]] || return 0
  echo $$ >"$write_throttle_parent/cgroup.procs" 2>/dev/null || true
  rmdir "$write_throttle_cgroup" 2>/dev/null || true
  write_throttle_cgroup=""
}
