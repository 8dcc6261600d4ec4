# shellcheck shell=bash
# Sourced by .ci/run before the tests: installs what the image stage's integration tests run
# for real: a Docker Engine with the CLI and its buildx plugin, the distribution registry, and
# htpasswd. Idempotent: what is installed already is left alone. The tests start and stop
# their own dockerd and registry (private data root, socket and port on 127.0.0.1); nothing is
# started here, and the packaged services are kept from starting so they cannot interfere.
#
# The Docker Engine, CLI and buildx are Debian 13's (docker.io 26.1, docker-cli 26.1,
# docker-buildx 0.13.1), which install on Debian 12 as they are: buildx is what GitHub's
# runners build with, and Debian 12 packages none. Debian 13's suite is added with a low pin
# priority, so only these three packages (and what they need) come from it. A machine that
# already has an engine (Docker CE on GitHub's Ubuntu runners) keeps it.

_top_services_packages=(docker-registry apache2-utils git)
_top_services_trixie=()
if ! command -v dockerd >/dev/null 2>&1 || ! docker buildx version >/dev/null 2>&1; then
  if grep -q '^ID=debian' /etc/os-release 2>/dev/null; then
    _top_services_trixie=(docker.io/trixie docker-cli/trixie docker-buildx/trixie)
  else
    _top_services_packages+=(docker.io docker-buildx)
  fi
fi

_top_services_install() {
  local missing=()
  local p
  for p in "${_top_services_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  local version
  for p in "${_top_services_trixie[@]}"; do
    version=$(dpkg-query -W -f='${Status} ${Version}' "${p%/trixie}" 2>/dev/null | sed -n 's/^install ok installed //p')
    # Debian 12's own docker.io (20.10) is replaced: its CLI has no buildx.
    if [[ -z $version ]] || { [[ $p == docker.io/* ]] && dpkg --compare-versions "$version" lt 26; }; then
      missing+=("$p")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  if ((${#_top_services_trixie[@]} > 0)); then
    # The suite of the same Debian archive the machine uses, at priority 100: never chosen
    # over bookworm unless asked for by name (docker.io/trixie).
    local archive
    archive=$(grep -hoE 'https?://[^ ]+/debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null |
      grep -v security | head -n 1)
    printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "${archive:-http://deb.debian.org/debian}" | "${sudo[@]}" tee /etc/apt/sources.list.d/train-on-push-trixie.sources >/dev/null
    printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' |
      "${sudo[@]}" tee /etc/apt/preferences.d/train-on-push-trixie >/dev/null
  fi
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
echo "services: $(dockerd --version 2>/dev/null); $(/usr/bin/docker buildx version 2>/dev/null || docker buildx version 2>/dev/null); registry $(docker-registry --version 2>/dev/null | awk '{print $3}'); $(command -v htpasswd)"
unset -f _top_services_install
unset _top_services_packages _top_services_trixie
