package atlas

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// A watch answers every wait on objects of one kind in one project, within one
// client (one provider process), with one request per tick: a GET of the object
// when one waits, the project's list when several do. Twenty clusters created
// in one apply cost the status reads of one, and each wait ends within a tick of
// Atlas's state change, however long Atlas took.
//
// The tick is pollTick (1 s) while the rate-limit budget is healthy, and wider
// when RateLimit-Remaining runs low or a 429 arrives (ratePressure).

// sighting is what one tick saw of one object.
type sighting[T any] struct {
	obj   T
	found bool
	err   error
}

// watchSource reads objects of one kind.
type watchSource[T any] struct {
	kind string // for logs, e.g. "flex clusters"
	// get reads one object; a 404 means absent.
	get func(ctx context.Context, projectID, name string) (T, error)
	// list reads every object of the project, by name.
	list func(ctx context.Context, projectID string) (map[string]T, error)
	// absent tells which errors of get mean that the object is not there; nil
	// means every 404.
	absent func(err error) bool
}

type watch[T any] struct {
	client *Client
	source watchSource[T]

	mu       sync.Mutex
	projects map[string]map[*watcher[T]]struct{}
	// sleep waits between ticks; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

type watcher[T any] struct {
	name string
	seen chan sighting[T] // holds the latest sighting only
}

func newWatch[T any](c *Client, source watchSource[T]) *watch[T] {
	return &watch[T]{client: c, source: source, projects: map[string]map[*watcher[T]]struct{}{}, sleep: sleepContext}
}

// await calls judge with each sighting of the object until judge says done
// or fails, or ctx ends (the error is then ctx's).
func (w *watch[T]) await(ctx context.Context, projectID, name string, judge func(obj T, found bool) (done bool, err error)) error {
	me := &watcher[T]{name: name, seen: make(chan sighting[T], 1)}
	w.join(ctx, projectID, me)
	defer w.leave(projectID, me)
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case s := <-me.seen:
			if s.err != nil {
				return s.err
			}
			if done, err := judge(s.obj, s.found); done || err != nil {
				return err
			}
		}
	}
}

func (w *watch[T]) join(ctx context.Context, projectID string, me *watcher[T]) {
	w.mu.Lock()
	defer w.mu.Unlock()
	waiters, running := w.projects[projectID]
	if !running {
		waiters = map[*watcher[T]]struct{}{}
		w.projects[projectID] = waiters
		// The poller outlives the wait that started it when others join, so it
		// keeps the context's values (logger, User-Agent) but not its end.
		go w.poll(context.WithoutCancel(ctx), projectID)
	}
	waiters[me] = struct{}{}
}

func (w *watch[T]) leave(projectID string, me *watcher[T]) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.projects[projectID], me)
}

// names are the distinct objects waited for in the project; none means the
// poller stops (and is forgotten, so the next wait starts a new one).
func (w *watch[T]) names(projectID string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var names []string
	for me := range w.projects[projectID] {
		if !slices.Contains(names, me.name) {
			names = append(names, me.name)
		}
	}
	if len(names) == 0 {
		delete(w.projects, projectID)
	}
	return names
}

func (w *watch[T]) poll(ctx context.Context, projectID string) {
	for tick := 1; ; tick++ {
		names := w.names(projectID)
		if len(names) == 0 {
			return
		}
		seen := w.look(ctx, projectID, names)
		w.mu.Lock()
		for me := range w.projects[projectID] {
			s, ok := seen[me.name]
			if !ok {
				continue // joined after this tick's request: the next one covers it
			}
			select { // keep only the latest sighting
			case <-me.seen:
			default:
			}
			me.seen <- s
		}
		w.mu.Unlock()
		interval := w.client.retry.pressure.pollInterval()
		tflog.Debug(ctx, "Waiting for Atlas", map[string]any{"project_id": projectID, "kind": w.source.kind,
			"waiting_for": names, "tick": tick, "next_in_seconds": interval.Seconds()})
		_ = w.sleep(ctx, interval)
	}
}

// look reads the objects named: one GET for one name, the list for several.
func (w *watch[T]) look(ctx context.Context, projectID string, names []string) map[string]sighting[T] {
	seen := make(map[string]sighting[T], len(names))
	if len(names) == 1 {
		obj, err := w.source.get(ctx, projectID, names[0])
		absent := IsNotFound
		if w.source.absent != nil {
			absent = w.source.absent
		}
		if err != nil && absent(err) {
			seen[names[0]] = sighting[T]{}
		} else {
			seen[names[0]] = sighting[T]{obj: obj, found: err == nil, err: err}
		}
		return seen
	}
	all, err := w.source.list(ctx, projectID)
	for _, name := range names {
		obj, found := all[name]
		seen[name] = sighting[T]{obj: obj, found: found, err: err}
	}
	return seen
}

// byName indexes a list answer for a watch.
func byName[T any](all []T, name func(*T) string) map[string]*T {
	m := make(map[string]*T, len(all))
	for i := range all {
		m[name(&all[i])] = &all[i]
	}
	return m
}

// StateWait describes a wait for an object's state through a watch.
type StateWait struct {
	What    string   // for logs and errors, e.g. `flex cluster "c1" in project 5f.. to be created`
	Pending []string // states that mean "keep waiting"
	Target  []string // states that end the wait
}

// stateAbsent is the state an UnexpectedStateError reports for an object that
// disappeared while a wait expected it to stay.
const stateAbsent = "deleted"

// IsAbsentWhileWaiting reports whether a wait ended because the object it
// waited for was no longer there (a 404, or missing from the project's list).
func IsAbsentWhileWaiting(err error) bool {
	var unexpected *UnexpectedStateError
	return errors.As(err, &unexpected) && unexpected.State == stateAbsent
}

// awaitState waits until the object is in a Target state. Being absent is the
// target "" (a deletion's), else an error.
func awaitState[T any](ctx context.Context, w *watch[T], projectID, name string, spec StateWait, state func(T) string) (T, error) {
	start := time.Now()
	var last T
	lastState := ""
	err := w.await(ctx, projectID, name, func(obj T, found bool) (bool, error) {
		current := ""
		if found {
			last, current = obj, state(obj)
		}
		lastState = current
		switch {
		case slices.Contains(spec.Target, current):
			return true, nil
		case !found:
			return false, &UnexpectedStateError{What: spec.What, State: stateAbsent, Expected: append(slices.Clone(spec.Pending), spec.Target...)}
		case !slices.Contains(spec.Pending, current):
			return false, &UnexpectedStateError{What: spec.What, State: current, Expected: append(slices.Clone(spec.Pending), spec.Target...)}
		}
		return false, nil
	})
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
		return last, &WaitTimeoutError{What: spec.What, LastState: lastState, Elapsed: time.Since(start)}
	}
	return last, err
}
