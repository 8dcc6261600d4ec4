# shellcheck shell=bash
# Sourced by .ci/run before the tests: installs what the image edge's integration tests run
# for real (Debian's Docker Engine and CLI, the distribution registry, htpasswd). Idempotent:
# already-installed packages are left alone. The tests start and stop their own dockerd and
# registry (private data root, socket and port on 127.0.0.1); nothing is started here, and the
# packaged services are kept from starting so they cannot interfere.
#
# docker-buildx is not packaged for Debian 12; the tests use Debian's docker CLI (20.10),
# whose `docker build` has BuildKit built in.

_top_services_packages=(docker-registry apache2-utils git)
# An engine that is already there (Docker CE on GitHub's runners, whose containerd.io conflicts
# with Debian's packages) serves the tests as well; only a machine without one gets docker.io.
command -v dockerd >/dev/null 2>&1 || _top_services_packages+=(docker.io)

_top_services_install() {
  local missing=()
  local p
  for p in "${_top_services_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  # Keep the packages' own services (dockerd on /var/run/docker.sock, the registry on :5000)
  # from starting during install; the tests run their own.
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo[@]}" chmod +x /usr/sbin/policy-rc.d
    local remove_policy=1
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  local rc=$?
  if [[ -n ${remove_policy:-} ]]; then "${sudo[@]}" rm -f /usr/sbin/policy-rc.d; fi
  return $rc
}

_top_services_install || return 1 2>/dev/null || exit 1
echo "services: $(dockerd --version 2>/dev/null); registry $(docker-registry --version 2>/dev/null | awk '{print $3}'); $(command -v htpasswd)"
unset -f _top_services_install
unset _top_services_packages
