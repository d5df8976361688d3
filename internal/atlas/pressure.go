package atlas

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// ratePressure remembers how close the client is to Atlas's rate limits, from
// the RateLimit-Remaining and RateLimit-Limit headers of recent answers and
// from 429s, so that polling can slow down before (or as soon as) the limit
// is reached. Atlas does not always send the headers; without them only 429s
// count.
type ratePressure struct {
	mu        sync.Mutex
	remaining int // -1: unknown
	limit     int
	last429   time.Time
	now       func() time.Time
}

func newRatePressure() *ratePressure {
	return &ratePressure{remaining: -1, now: time.Now}
}

func (p *ratePressure) observe(resp *http.Response) {
	if resp == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if resp.StatusCode == http.StatusTooManyRequests {
		p.last429 = p.now()
	}
	remaining, errR := strconv.Atoi(resp.Header.Get("RateLimit-Remaining"))
	limit, errL := strconv.Atoi(resp.Header.Get("RateLimit-Limit"))
	if errR == nil && errL == nil && limit > 0 {
		p.remaining, p.limit = remaining, limit
	}
}

const (
	// pollTick is how often waits poll while the rate-limit budget is healthy:
	// a wait ends about a second after Atlas reports the new state.
	pollTick = time.Second
	// pollTickLow is the tick while less than a tenth of the budget remains.
	pollTickLow = 5 * time.Second
	// pollTickThrottled is the tick for a minute after a 429.
	pollTickThrottled = 10 * time.Second
	throttledFor      = time.Minute
)

// pollInterval is the tick for waits, given the recent rate-limit answers.
func (p *ratePressure) pollInterval() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case !p.last429.IsZero() && p.now().Sub(p.last429) < throttledFor:
		return pollTickThrottled
	case p.remaining >= 0 && p.remaining*10 < p.limit:
		return pollTickLow
	}
	return pollTick
}
