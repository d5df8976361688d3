package atlassim

import (
	"fmt"
	"net/http"
	"time"
)

// The serverless eras, from Atlas's deprecation notices and the dates in its API
// specification. The world date (Options.WorldDate,
// SetWorldDate, PUT /__sim/world) selects one on every request:
//
//	before 2025-02-01  eraServerless   POST /serverless creates a real serverless instance
//	from   2025-02-01  eraFlexBacked   POST /serverless creates a flex cluster ("flex-backed")
//	from   2026-01-15  eraListEmpty    serverless GETs no longer show flex-backed instances
//	from   2026-01-22  eraWritesGone   POST, PATCH and DELETE /serverless, and both
//	                                   performanceAdvisor/autoIndexing operations, answer the sunset response
//	from   2027-01-15  eraReadsGone    the serverless GETs answer the sunset response too
//
// Independently of the eras, from 2025-06-01 no real serverless instance is
// left (serverlessMigratedBy).
//
// The 2026-08 spec gives 2027-01-18 for the GET sunset, the 2026-02 spec
// 2027-01-15; the simulator uses the earlier date, so that tests meet the
// sunset no later than users may.
type serverlessEra int

const (
	eraServerless serverlessEra = iota
	eraFlexBacked
	eraListEmpty
	eraWritesGone
	eraReadsGone
)

// Era boundaries, compared as YYYY-MM-DD strings of the world date in UTC.
const (
	flexBackedFrom = "2025-02-01"
	listEmptyFrom  = "2026-01-15"
	writesGoneFrom = "2026-01-22"
	readsGoneFrom  = "2027-01-15"
)

// serverlessMigratedBy is the first day on which no serverless instance is
// left: Atlas migrated every existing one to a Free, Flex or Dedicated
// cluster from March to May 2025. From this world date on, the simulator
// migrates any real serverless instance it still holds to FLEX (world.settle),
// so an instance seeded or created before 2025 does not outlive the
// migration. MigrateServerless picks another target before that date.
const serverlessMigratedBy = "2025-06-01"

// serverlessMigrationDone reports whether the world date is past Atlas's
// migration of the serverless instances.
func serverlessMigrationDone(date time.Time) bool {
	return date.UTC().Format(time.DateOnly) >= serverlessMigratedBy
}

func eraAt(date time.Time) serverlessEra {
	day := date.UTC().Format(time.DateOnly)
	switch {
	case day >= readsGoneFrom:
		return eraReadsGone
	case day >= writesGoneFrom:
		return eraWritesGone
	case day >= listEmptyFrom:
		return eraListEmpty
	case day >= flexBackedFrom:
		return eraFlexBacked
	default:
		return eraServerless
	}
}

// The headers the dev environment sent on every serverless response it
// recorded in January 2026. The simulator sends them on
// every serverless answer, errors included, from the flex-backed era on;
// before 2025-02-01 it sends none (the endpoints were not deprecated yet).
const (
	serverlessDeprecation = "Wed, 10 Dec 2025 00:00:00 GMT"
	serverlessSunset      = "Thu, 15 Jan 2026 00:00:00 GMT"
)

// SunsetStyle is how the simulator answers a serverless operation after
// its sunset date. Nobody has seen Atlas's real answer after the sunset yet,
// so tests can pick one.
type SunsetStyle string

const (
	// SunsetGone is the default (also for ""): 410 VERSION_GONE with the
	// spec's example body, plus the Deprecation and Sunset headers.
	SunsetGone SunsetStyle = "VERSION_GONE"
	// SunsetNotFound answers 404 RESOURCE_NOT_FOUND, as for a path that is
	// no longer routed; no Deprecation/Sunset headers.
	SunsetNotFound SunsetStyle = "RESOURCE_NOT_FOUND"
	// SunsetMethodNotAllowed answers 405 METHOD_NOT_ALLOWED for the sunset
	// write operations while the GETs on the same path still exist (as a
	// router does for a removed method); once the GETs are gone too
	// (2027-01-15) every serverless operation answers 404 RESOURCE_NOT_FOUND.
	// No Deprecation/Sunset headers.
	SunsetMethodNotAllowed SunsetStyle = "METHOD_NOT_ALLOWED"
)

// SunsetStyles lists the valid styles (for flags and the admin API).
var SunsetStyles = []SunsetStyle{SunsetGone, SunsetNotFound, SunsetMethodNotAllowed}

func validSunsetStyle(style SunsetStyle) bool {
	for _, known := range SunsetStyles {
		if style == known {
			return true
		}
	}
	return false
}

// SetSunsetStyle changes how sunset serverless operations answer. An
// unknown style is treated as SunsetGone.
func (s *Server) SetSunsetStyle(style SunsetStyle) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.SunsetStyle = style
}

// CurrentSunsetStyle returns the style in effect (SunsetGone for "").
func (s *Server) CurrentSunsetStyle() SunsetStyle {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sunsetStyleLocked()
}

func (s *Server) sunsetStyleLocked() SunsetStyle {
	if !validSunsetStyle(s.opts.SunsetStyle) {
		return SunsetGone
	}
	return s.opts.SunsetStyle
}

// errVersionGone is the spec's `gone` response example.
func errVersionGone() *apiError {
	return newError(http.StatusGone, "VERSION_GONE",
		"This happens when a resource is marked for sunset and the sunset date is in the past.")
}

// serverlessGate runs first in every serverless handler (caller holds
// s.mu). It returns the era, or the sunset answer when the operation is
// past its sunset date; it also sets the Deprecation and Sunset headers
// where they belong. goneFrom is the era in which the operation is sunset;
// pathGoneFrom the era in which every operation on its path is (the
// METHOD_NOT_ALLOWED style answers 405 only while the path still serves
// another method).
func (s *Server) serverlessGate(c *call, goneFrom, pathGoneFrom serverlessEra) (serverlessEra, *apiError) {
	era := eraAt(s.world.worldDate)
	gone := era >= goneFrom
	style := s.sunsetStyleLocked()
	if era >= eraFlexBacked && (!gone || style == SunsetGone) {
		c.header.Set("Deprecation", serverlessDeprecation)
		c.header.Set("Sunset", serverlessSunset)
	}
	if !gone {
		return era, nil
	}
	switch style {
	case SunsetNotFound:
		return era, errResourceNotFound(c.r.URL.Path)
	case SunsetMethodNotAllowed:
		if era >= pathGoneFrom {
			return era, errResourceNotFound(c.r.URL.Path)
		}
		return era, errMethodNotAllowed(c.r.Method, c.r.URL.Path)
	default:
		return era, errVersionGone()
	}
}

// The sunset eras of the serverless operations, for serverlessGate.
func (s *Server) serverlessReadGate(c *call) (serverlessEra, *apiError) {
	return s.serverlessGate(c, eraReadsGone, eraReadsGone)
}

func (s *Server) serverlessWriteGate(c *call) (serverlessEra, *apiError) {
	return s.serverlessGate(c, eraWritesGone, eraReadsGone)
}

// eraName is for messages and the admin API.
func (e serverlessEra) String() string {
	switch e {
	case eraServerless:
		return "serverless"
	case eraFlexBacked:
		return "flex-backed"
	case eraListEmpty:
		return "list-empty"
	case eraWritesGone:
		return "writes-gone"
	case eraReadsGone:
		return "reads-gone"
	}
	return fmt.Sprintf("era(%d)", int(e))
}
