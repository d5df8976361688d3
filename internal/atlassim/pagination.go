package atlassim

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// link is the {"href","rel"} pair Atlas puts in "links" arrays.
type link struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

// listPage is the paginated list body. Fields are alphabetical like every
// Atlas body; Status is only set for envelope=true, TotalCount is nil when
// the client asked for includeCount=false.
type listPage struct {
	Links      []link `json:"links"`
	Results    any    `json:"results"`
	Status     *int   `json:"status,omitempty"`
	TotalCount *int   `json:"totalCount,omitempty"`
}

// pageParams are the list query parameters with Atlas's defaults.
type pageParams struct {
	pageNum      int
	itemsPerPage int
	includeCount bool
}

const maxItemsPerPage = 500

func parsePageParams(q url.Values) (pageParams, *apiError) {
	p := pageParams{pageNum: 1, itemsPerPage: 100, includeCount: true}
	if v, present := q["pageNum"]; present {
		n, err := strconv.Atoi(v[0])
		if err != nil || n < 1 {
			return p, errInvalidQueryParameter("pageNum", v[0])
		}
		p.pageNum = n
	}
	if v, present := q["itemsPerPage"]; present {
		n, err := strconv.Atoi(v[0])
		if err != nil || n < 1 || n > maxItemsPerPage {
			return p, errInvalidQueryParameter("itemsPerPage", v[0])
		}
		p.itemsPerPage = n
	}
	if v, present := q["includeCount"]; present {
		b, err := strconv.ParseBool(v[0])
		if err != nil {
			return p, errInvalidQueryParameter("includeCount", v[0])
		}
		p.includeCount = b
	}
	return p, nil
}

// paginate cuts one page out of items and builds the links. The self link
// follows the observed form: the other query parameters (includeCount among
// them) sorted by name, then pageNum and itemsPerPage.
func paginate[T any](c *call, items []T) (*listPage, *apiError) {
	p, apiErr := parsePageParams(c.query)
	if apiErr != nil {
		return nil, apiErr
	}
	total := len(items)
	start := (p.pageNum - 1) * p.itemsPerPage
	if start > total {
		start = total
	}
	end := start + p.itemsPerPage
	if end > total {
		end = total
	}
	results := make([]T, 0, end-start)
	results = append(results, items[start:end]...)

	page := &listPage{Results: results}
	if p.pageNum > 1 {
		page.Links = append(page.Links, link{Href: pageHref(c, p, p.pageNum-1), Rel: "previous"})
	}
	page.Links = append(page.Links, link{Href: pageHref(c, p, p.pageNum), Rel: "self"})
	if end < total {
		page.Links = append(page.Links, link{Href: pageHref(c, p, p.pageNum+1), Rel: "next"})
	}
	if p.includeCount {
		page.TotalCount = &total
	}
	return page, nil
}

func pageHref(c *call, p pageParams, pageNum int) string {
	others := map[string]string{"includeCount": strconv.FormatBool(p.includeCount)}
	for name, values := range c.query {
		switch name {
		case "pageNum", "itemsPerPage", "includeCount":
			continue
		}
		others[name] = values[0]
	}
	names := make([]string, 0, len(others))
	for name := range others {
		names = append(names, name)
	}
	sort.Strings(names)
	var parts []string
	for _, name := range names {
		parts = append(parts, url.QueryEscape(name)+"="+url.QueryEscape(others[name]))
	}
	parts = append(parts, "pageNum="+strconv.Itoa(pageNum), "itemsPerPage="+strconv.Itoa(p.itemsPerPage))
	return c.baseURL + c.r.URL.EscapedPath() + "?" + strings.Join(parts, "&")
}
