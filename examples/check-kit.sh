#!/usr/bin/env bash
# The plugin author's path, checked for real: install the plugin API (with sources and Javadoc) into the local
# Maven repository, build examples/hello-plugin on its own against it, install the jar into a scratch causa home
# and run its action. Called by ./run-tests after the main build.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$ROOT/bin/jdk.sh"
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT

echo "kit: installing plugin-api with sources and Javadoc"
(cd "$ROOT" && mvn -B -q install -pl plugin-api -Prelease -DskipTests)
echo "kit: building examples/hello-plugin outside the reactor"
mvn -B -q -f "$ROOT/examples/hello-plugin/pom.xml" clean package
JAR=$(ls "$ROOT"/examples/hello-plugin/target/hello-plugin-*.jar)
"$ROOT/causa" --home "$HOME_DIR" plugin install "$JAR"
OUT=$("$ROOT/causa" --home "$HOME_DIR" action run hello.say to=world count=3)
echo "$OUT"
echo "$OUT" | grep -q "completed" || { echo "kit: hello.say did not complete" >&2; exit 1; }
"$ROOT/causa" --home "$HOME_DIR" job list --action-type hello.say --json | grep -q '"action_type" : "hello.say"' \
  || { echo "kit: the hello job is not listed with its action context" >&2; exit 1; }
echo "kit: the plugin author's path works"
