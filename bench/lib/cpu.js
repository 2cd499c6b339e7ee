'use strict';
// CPU time used by a process group (n8n and its task runner), from /proc/<pid>/stat: on a machine
// shared with other jobs, CPU time says what a piece of work cost better than wall time does.
const fs = require('node:fs');
const { groupPids } = require('./memory');

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Milliseconds of user + system CPU the group's live processes have used so far. */
function groupCpuMs(pgid) {
	let ticks = 0;
	for (const pid of groupPids(pgid)) {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			// After "(comm)": state(0) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(11) stime(12)
			ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// the process ended while we looked
		}
	}
	return (ticks * 1000) / TICKS_PER_SECOND;
}

module.exports = { groupCpuMs };
