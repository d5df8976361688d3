package atlas

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// itemsPerPage is the largest page Atlas and Cloud Manager serve, which minimises calls.
const itemsPerPage = 500

// maxPages stops a misbehaving server from keeping a list call going forever
// (500 x 2000 = a million items, far beyond any Atlas limit).
const maxPages = 2000

// page is the list envelope shared by Atlas v2 and Cloud Manager:
// {"links":[...], "results":[...], "totalCount":N}.
type page[T any] struct {
	Links      []link `json:"links"`
	Results    []T    `json:"results"`
	TotalCount *int   `json:"totalCount"`
}

type link struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

// pageCaller fetches one page; atlasCall and cloudManagerCall both fit it via the helpers below.
type pageCaller func(ctx context.Context, query url.Values, out any) error

// listAll follows every page of a list endpoint.
//
// It stops when a page is shorter than requested; else, when totalCount is present, once
// the pages fetched cover it; else when the page has no "next" link. totalCount is only an
// estimate, but it is what Atlas offers, and a short page settles any doubt.
func listAll[T any](ctx context.Context, fetch pageCaller, query url.Values) ([]T, error) {
	var all []T
	for pageNum := 1; pageNum <= maxPages; pageNum++ {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		q.Set("itemsPerPage", strconv.Itoa(itemsPerPage))
		q.Set("pageNum", strconv.Itoa(pageNum))

		var p page[T]
		if err := fetch(ctx, q, &p); err != nil {
			return nil, err
		}
		all = append(all, p.Results...)

		if len(p.Results) < itemsPerPage {
			return all, nil
		}
		if p.TotalCount != nil {
			if pageNum*itemsPerPage >= *p.TotalCount {
				return all, nil
			}
			continue
		}
		if !hasNextLink(p.Links) {
			return all, nil
		}
	}
	return nil, fmt.Errorf("list did not end after %d pages of %d items", maxPages, itemsPerPage)
}

func hasNextLink(links []link) bool {
	for _, l := range links {
		if l.Rel == "next" {
			return true
		}
	}
	return false
}

// atlasPages returns a pageCaller for GET on an Atlas v2 list path.
func (c *Client) atlasPages(path, version string) pageCaller {
	return func(ctx context.Context, query url.Values, out any) error {
		return c.atlasCall(ctx, http.MethodGet, path, version, query, nil, out)
	}
}

// cloudManagerPages returns a pageCaller for GET on a Cloud Manager list path.
func (c *Client) cloudManagerPages(path string) pageCaller {
	return func(ctx context.Context, query url.Values, out any) error {
		return c.cloudManagerCall(ctx, http.MethodGet, path, query, nil, out)
	}
}

// listOnePage fetches the one page a caller asked for. A zero pageNum or
// perPage is left out, so Atlas applies its default (page 1, 100 items). total
// is Atlas's totalCount, or the number of results when Atlas leaves it out.
func listOnePage[T any](ctx context.Context, fetch pageCaller, pageNum, perPage int) ([]T, int, error) {
	q := url.Values{}
	if pageNum > 0 {
		q.Set("pageNum", strconv.Itoa(pageNum))
	}
	if perPage > 0 {
		q.Set("itemsPerPage", strconv.Itoa(perPage))
	}
	var p page[T]
	if err := fetch(ctx, q, &p); err != nil {
		return nil, 0, err
	}
	total := len(p.Results)
	if p.TotalCount != nil {
		total = *p.TotalCount
	}
	return p.Results, total, nil
}
