/** Where the check's time goes: exactly one lane runs at any moment, so the lanes add up to the whole. */
export type ClockLane = 'dns' | 'connect' | 'tls' | 'handshake' | 'toolsList' | 'toolCall' | 'other';

type NetworkLane = 'dns' | 'connect' | 'tls';
type AttemptLane = 'handshake' | 'toolsList' | 'toolCall' | 'other';

const NETWORK_LANES: ReadonlySet<ClockLane> = new Set<ClockLane>(['dns', 'connect', 'tls']);

/** The time one era attempt spent outside the first connection's set-up. */
export type AttemptTimes = Record<AttemptLane, number | null>;

/** The raw parts of a check's time, in milliseconds, before rounding. */
export interface PhaseTimes {
  dns: number | null;
  connect: number | null;
  tls: number | null;
  negotiation: number | null;
  handshake: number | null;
  toolsList: number | null;
  /** The monitor's canary tools/call, after the listing. */
  toolCall: number | null;
  other: number;
  total: number;
}

/** The set-up of the check's first connection, stepped through its lanes and then ended once. */
export interface ConnectionTiming {
  step(lane: NetworkLane): void;
  end(): void;
}

const UNTIMED: ConnectionTiming = { step() {}, end() {} };

/**
 * A stopwatch with lanes. The first connection's DNS, connect and TLS time
 * has lanes of its own whichever era attempt opened it; everything else is
 * kept per attempt, so the time of attempts whose answer is not the one
 * reported can be told apart afterwards (negotiation). Time outside every
 * attempt is `other`. Paused time (a session's courtesy DELETE) counts nowhere.
 */
export class PhaseClock {
  private lane: ClockLane = 'other';
  private since: number;
  private paused = false;
  private stopped = false;
  private connectionClaimed = false;
  private readonly network: Record<NetworkLane, number | null> = { dns: null, connect: null, tls: null };
  private readonly attempts: AttemptTimes[] = [];
  private current: AttemptTimes | null = null;
  private outside = 0;

  constructor(startedAt: number) {
    this.since = startedAt;
  }

  /** Charges the time since the last switch to the lane that ran, then runs `lane`. */
  switchTo(lane: ClockLane, at = performance.now()): void {
    this.settle(at);
    this.lane = lane;
  }

  /** Starts an era attempt; returns its index for `times`. */
  beginAttempt(): number {
    this.settle(performance.now());
    this.current = { handshake: null, toolsList: null, toolCall: null, other: null };
    this.lane = 'other';
    return this.attempts.push(this.current) - 1;
  }

  endAttempt(): void {
    this.settle(performance.now());
    this.current = null;
    this.lane = 'other';
  }

  /** Runs `work` off the clock: time the check spends on courtesy, not on its verdict. */
  async untimed<T>(work: () => Promise<T>): Promise<T> {
    this.settle(performance.now());
    this.paused = true;
    try {
      return await work();
    } finally {
      this.settle(performance.now());
      this.paused = false;
    }
  }

  /**
   * The timing of a new connection: the first one of the check steps through
   * the network lanes and returns to the lane it interrupted; later ones are
   * part of whichever phase needed them.
   */
  connection(): ConnectionTiming {
    if (this.connectionClaimed) return UNTIMED;
    this.connectionClaimed = true;
    let interrupted: ClockLane | null = null;
    let ended = false;
    return {
      step: (lane) => {
        if (ended || this.stopped) return;
        if (interrupted === null) interrupted = NETWORK_LANES.has(this.lane) ? 'other' : this.lane;
        this.switchTo(lane);
      },
      end: () => {
        if (ended) return;
        ended = true;
        // Only a lane this connection set is handed back: the attempt may have moved on meanwhile.
        if (interrupted !== null && NETWORK_LANES.has(this.lane)) this.switchTo(interrupted);
      },
    };
  }

  stop(at = performance.now()): void {
    this.settle(at);
    this.stopped = true;
  }

  /** The parts of the whole, the attempt `reported` giving handshake, tools and other, every other attempt negotiation. */
  times(reported: number | null): PhaseTimes {
    if (!this.stopped) this.stop();
    let negotiation: number | null = null;
    let other = this.outside;
    let handshake: number | null = null;
    let toolsList: number | null = null;
    let toolCall: number | null = null;
    this.attempts.forEach((attempt, index) => {
      if (index === reported) {
        handshake = attempt.handshake;
        toolsList = attempt.toolsList;
        toolCall = attempt.toolCall;
        other += attempt.other ?? 0;
      } else {
        negotiation =
          (negotiation ?? 0) +
          (attempt.handshake ?? 0) +
          (attempt.toolsList ?? 0) +
          (attempt.toolCall ?? 0) +
          (attempt.other ?? 0);
      }
    });
    const parts = [
      this.network.dns,
      this.network.connect,
      this.network.tls,
      negotiation,
      handshake,
      toolsList,
      toolCall,
      other,
    ];
    return {
      dns: this.network.dns,
      connect: this.network.connect,
      tls: this.network.tls,
      negotiation,
      handshake,
      toolsList,
      toolCall,
      other,
      total: parts.reduce<number>((sum, part) => sum + (part ?? 0), 0),
    };
  }

  private settle(at: number): void {
    const spent = Math.max(0, at - this.since);
    this.since = at;
    if (this.paused || this.stopped) return;
    const lane = this.lane;
    if (lane === 'dns' || lane === 'connect' || lane === 'tls') {
      this.network[lane] = (this.network[lane] ?? 0) + spent;
    } else if (this.current) {
      this.current[lane] = (this.current[lane] ?? 0) + spent;
    } else {
      this.outside += spent;
    }
  }
}
