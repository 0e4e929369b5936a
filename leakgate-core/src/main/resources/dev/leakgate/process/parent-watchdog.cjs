// Loaded into the app with --require by leakgate. When the JVM that launched the app is gone, even after
// a SIGKILL that left it no chance to clean up, this stops every process the app started and then the app.
//
// Why a poll of the parent rather than the app's stdin or an extra pipe: the JVM cannot hand a child any
// file descriptor but the three standard ones, and stdin belongs to the app (and is closed at launch).
// The timer is unref'd, so it never keeps an app alive that is done, and it touches nothing of the app.
'use strict';

(() => {
  const launcher = Number(process.env.LEAKGATE_PARENT_PID);
  if (!Number.isInteger(launcher) || launcher <= 0) {
    return;
  }
  const POLL_MILLIS = 500;

  // Normally the JVM is the parent. When it dies, the app is re-parented at that very moment, even while the
  // dead JVM lingers as a zombie, and a recycled pid cannot fool this test. If `node` is a wrapper script that
  // did not exec, the parent is the wrapper, and the JVM's pid is probed instead.
  const launcherGone = process.ppid === launcher
    ? () => process.ppid !== launcher
    : () => {
      try {
        process.kill(launcher, 0);
        return false;
      } catch (error) {
        return error.code === 'ESRCH' || error.code === 'EPERM';
      }
    };

  const timer = setInterval(() => {
    if (launcherGone()) {
      clearInterval(timer);
      descendantsOf(process.pid).forEach((pid) => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch (alreadyGone) {
          // it ended on its own meanwhile
        }
      });
      process.exit(1);
    }
  }, POLL_MILLIS);
  timer.unref();

  /** Every process below `root`, found through the process table. Orphans re-parented elsewhere are out of reach. */
  function descendantsOf(root) {
    const children = new Map();
    for (const [pid, ppid] of processTable()) {
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(pid);
    }
    const found = [];
    const pending = [root];
    while (pending.length > 0) {
      for (const child of children.get(pending.pop()) || []) {
        found.push(child);
        pending.push(child);
      }
    }
    return found;
  }

  /** [pid, ppid] of every process: from /proc on Linux, from ps elsewhere, nothing where neither exists. */
  function processTable() {
    const fs = require('node:fs');
    try {
      return fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(parentOf).filter(Boolean);
    } catch (noProc) {
      try {
        const listing = require('node:child_process').execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
        return listing.trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number));
      } catch (noPs) {
        return [];
      }
    }

    function parentOf(pid) {
      try {
        // "pid (command) state ppid ...": the command may contain spaces and parentheses, so cut after the last ')'.
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return [Number(pid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])];
      } catch (ended) {
        return null;
      }
    }
  }
})();
