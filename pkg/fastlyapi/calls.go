package fastlyapi

import "net/url"

// ServicesPath lists the services the token can see.
const ServicesPath = "/service"

// cursorPlaceholder stands for the real-time cursor, which changes with every poll.
const cursorPlaceholder = "<cursor>"

// DescribeCall renders one GET the way ExecutedQueryString shows it: method, path and the sorted query.
func DescribeCall(path string, params url.Values) string {
	if len(params) == 0 {
		return "GET " + path
	}
	return "GET " + path + "?" + params.Encode()
}

// DescribeChannelPoll renders the real-time long poll of a service, answered from the shared poller's buffer.
func DescribeChannelPoll(serviceID string) string {
	return describePoll(ChannelRealtimePath(serviceID, cursorPlaceholder))
}

// DescribeInspectorPoll renders the real-time long poll of an inspector product, answered from the shared poller's buffer.
func DescribeInspectorPoll(p Product, serviceID string) string {
	return describePoll(InspectorRealtimePath(p, serviceID, cursorPlaceholder))
}

// DescribeCachedServiceList renders the service list call, answered from the datasource's cache.
func DescribeCachedServiceList() string {
	return DescribeCall(ServicesPath, nil) + " (cached list of every service the token can see)"
}

func describePoll(path string) string {
	return DescribeCall(path, nil) + " (shared poller, in-memory buffer)"
}
