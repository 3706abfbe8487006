// @vitest-environment jsdom
import { Scorm12API } from 'scorm-again';
import { describe, expect, it } from 'vitest';
import { cmiTimespan, decodeSuspend, encodeSuspend, findScormApi, outcomeOf, ScormSession, type Scorm12Api } from '@/lms/scorm-runtime';

/** scorm-again's SCORM 1.2 API: a maintained LMS-side implementation of the contract, with its validation. */
function testLms(): Scorm12API {
  return new Scorm12API({ logLevel: 5, autocommit: false });
}

describe('the SCORM 1.2 runtime', () => {
  it('writes CMITimespan session times', () => {
    expect(cmiTimespan(0)).toBe('0000:00:00.00');
    expect(cmiTimespan(83_456)).toBe('0000:01:23.46');
    expect(cmiTimespan(3_725_000)).toBe('0001:02:05.00');
  });

  it('finds the API in a parent frame, else through the opener', () => {
    const api = { LMSInitialize: () => 'true', LMSSetValue: () => 'true' };
    interface Win {
      API?: unknown;
      parent?: Win | null;
      opener?: Win | null;
    }
    const top: Win = { API: api };
    top.parent = top;
    const middle: Win = { parent: top };
    const frame: Win = { parent: middle };
    expect(findScormApi(frame)).toBe(api);
    const popup: Win = { parent: null, opener: frame };
    expect(findScormApi(popup)).toBe(api);
    expect(findScormApi({ parent: null })).toBeNull();
  });

  it('stops at a cross-origin frame instead of throwing', () => {
    const blocked = {
      get API(): unknown {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    };
    expect(findScormApi({ parent: blocked as never })).toBeNull();
  });

  it('says incomplete until every item is done, then passed, failed or (pass mark 0) completed', () => {
    expect(outcomeOf([1, null], 0.7)).toEqual({ score: 0.5, status: 'incomplete' });
    expect(outcomeOf([1, 0.5], 0.7)).toEqual({ score: 0.75, status: 'passed' });
    expect(outcomeOf([0.5, 0.5], 0.7)).toEqual({ score: 0.5, status: 'failed' });
    expect(outcomeOf([0.5, 0.5], 0)).toEqual({ score: 0.5, status: 'completed' });
  });

  it('keeps item scores and attempts in suspend_data and reads back only what fits', () => {
    const text = encodeSuspend({ v: 1, scores: [0.83333333, null], attempts: [2, 0] });
    expect(text.length).toBeLessThan(4096);
    expect(decodeSuspend(text, 2)).toEqual({ v: 1, scores: [0.8333, null], attempts: [2, 0] });
    expect(decodeSuspend(text, 3)).toBeNull();
    expect(decodeSuspend('garbage', 2)).toBeNull();
  });

  it('reports score, status and session time to scorm-again’s SCORM 1.2 API without an error', () => {
    const lms = testLms();
    const sets: [string, string][] = [];
    lms.on('LMSSetValue.cmi.*', (element: string, value: string) => void sets.push([element, value]));
    let now = 1_000;
    const session = new ScormSession(lms as unknown as Scorm12Api, { now: () => now });
    expect(session.connected).toBe(true);
    session.begin();
    expect(lms.cmi.core.lesson_status).toBe('incomplete');
    session.report(outcomeOf([1, null], 0.7), { v: 1, scores: [1, null], attempts: [1, 0] });
    expect(lms.cmi.core.lesson_status).toBe('incomplete');
    session.report(outcomeOf([1, 0.5], 0.7), { v: 1, scores: [1, 0.5], attempts: [1, 1] });
    now += 754_320;
    session.finish(true);
    expect(session.errors).toEqual([]);
    expect(lms.cmi.core.score.raw).toBe('75');
    expect(lms.cmi.core.score.min).toBe('0');
    expect(lms.cmi.core.score.max).toBe('100');
    expect(lms.cmi.core.lesson_status).toBe('passed');
    // session_time is write-only in SCORM 1.2, so read what was set.
    expect(sets).toContainEqual(['cmi.core.session_time', '0000:12:34.32']);
    expect(sets).toContainEqual(['cmi.core.exit', '']);
    expect(lms.cmi.suspend_data).toBe('{"v":1,"s":[1,0.5],"a":[1,1]}');
    expect(lms.isTerminated()).toBe(true);
    // Finishing twice does nothing (LMSFinish may be called only once).
    session.finish(true);
    expect(session.errors).toEqual([]);
  });

  it('is a quiet no-op without an LMS', () => {
    const session = new ScormSession(null);
    expect(session.connected).toBe(false);
    expect(session.set('cmi.core.score.raw', '50')).toBe(false);
    session.finish(true);
    expect(session.errors).toEqual([]);
  });
});
