#!/usr/bin/env bash
# Runs the HardwareProbes benchmarks (parsers and a full composed snapshot of fixture trees) in Release.
# Results land in BenchmarkDotNet.Artifacts/results; the summary tables print to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project HardwareProbes.Benchmarks -- --filter '*' --join "$@"
