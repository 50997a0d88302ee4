// The targets, judged from one run's figures. Reported, never asserted.
import type { Results, Target } from './report.js';
import { ratio } from './report.js';

const MIB = 1024 * 1024;

function target(row: string, measured: string, goal: string, met: boolean): Target {
  return { row, measured, target: goal, met };
}

export function targetsOf(results: Omit<Results, 'targets'>): Target[] {
  const targets: Target[] = [];
  const { growth, advance, startup, scenarios } = results;
  if (growth) {
    const start = growth.signUpsAtStart.rps;
    const atSize = growth.signUpsAtSize.rps;
    targets.push(target('sign-up orders/s at 10 connections, start', `${start.toFixed(0)}/s`, '>= 2,000/s', start >= 2000));
    targets.push(target(`sign-up orders/s at ${growth.signUpsAtSize.objects} objects vs start`, `${atSize.toFixed(0)}/s (${((100 * atSize) / start).toFixed(0)}%)`, '>= 80% of start', atSize >= 0.8 * start));
    targets.push(target('worst request latency while the state grows', `${growth.worstLatencyMs.toFixed(1)} ms`, '<= 50 ms', growth.worstLatencyMs <= 50));
    targets.push(target(`restart with ${growth.restart.objects} objects (load and listen)`, `${growth.restart.startMs.toFixed(0)} ms`, '<= 500 ms', growth.restart.startMs <= 500));
  }
  const small = advance[0];
  const large = advance.at(-1);
  if (small && large && large !== small) {
    targets.push(target(`clock.advance one year, ${large.subscriptions} subscriptions`, `${(large.wallMs / 1000).toFixed(2)} s`, '<= 5 s', large.wallMs <= 5000));
    const growthFactor = large.wallMs / small.wallMs;
    targets.push(target(`clock.advance ${large.subscriptions} vs ${small.subscriptions} subscriptions`, `${growthFactor.toFixed(1)}x`, '<= 12x', growthFactor <= 12));
  }
  const lists = results.requests.filter((row) => row.name.startsWith('list page'));
  const [smallList, largeList] = [lists[0], lists.at(-1)];
  if (smallList && largeList && smallList !== largeList) {
    targets.push(target(largeList.name, `p99 ${largeList.emulator.p99.toFixed(2)} ms`, 'p99 <= 10 ms', largeList.emulator.p99 <= 10));
    const factor = largeList.emulator.p99 / Math.max(smallList.emulator.p99, 1e-6);
    targets.push(target(`${largeList.name} vs ${smallList.name.replace('list page of 99 at ', '')}`, `${factor.toFixed(1)}x`, '<= 2x', factor <= 2));
  }
  const byKey = results.requests.find((row) => row.name.startsWith('GET /v1/accounts'));
  const express = byKey?.ceilings.find((ceiling) => ceiling.target === 'express');
  if (byKey && express) {
    const share = ratio(byKey.emulator, express);
    targets.push(target('GET account by key per CPU-second vs bare express', `${share.toFixed(2)}x`, '>= 0.85x', share >= 0.85));
    const p99 = byKey.emulator.p99 / Math.max(express.p99, 1e-6);
    targets.push(target('GET account by key p99 vs bare express', `${p99.toFixed(2)}x`, '<= 1.5x', p99 <= 1.5));
  }
  if (startup) {
    targets.push(target(`ready (${startup.compiled ? 'compiled bin' : 'bin through tsx'})`, `${startup.readyMs.toFixed(0)} ms`, '<= 300 ms', startup.readyMs <= 300));
    targets.push(target('RSS when ready', `${(startup.rssBytes / MIB).toFixed(0)} MiB`, '<= 80 MiB', startup.rssBytes <= 80 * MIB));
  }
  if (scenarios) {
    targets.push(target('one-year scenario (runner)', `${scenarios.oneYearMedianMs.toFixed(0)} ms`, '<= 300 ms', scenarios.oneYearMedianMs <= 300));
    const library = scenarios.libraryCliMs;
    if (library !== undefined) targets.push(target('whole library (command line)', `${library.toFixed(0)} ms`, '<= 3,000 ms', library <= 3000));
  }
  return targets;
}
