// The segment builder: condition groups (AND) of conditions (OR), each chosen by type with its own inputs. The
// page hands over what there is to pick from (metrics, property names, lists, segments) as JSON in the builder's
// data-pickers attribute, because the Content-Security-Policy allows no inline script. Every change writes the
// definition, as Klaviyo's condition_groups JSON, into the form's hidden "definition" field and fires
// "draft-changed" on the form, which the sentence and the estimate listen for (htmx). The server checks the
// definition on save; its message is put next to the field its JSON pointer names.
(function () {
    'use strict';

    var root = document.getElementById('builder');
    var form = document.getElementById('segment-form');
    var hidden = document.getElementById('definition');
    if (!root || !form || !hidden) {
        return;
    }
    var pickers = JSON.parse(root.getAttribute('data-pickers') || '{}');
    var eventPropertiesUrl = root.getAttribute('data-metric-properties');
    var eventProperties = {};

    var TYPES = [
        ['profile-metric', 'What someone has done (or not done)'],
        ['profile-property', 'Properties about someone'],
        ['profile-group-membership', 'If someone is or is not in a list or segment'],
        ['profile-marketing-consent', 'If someone can or cannot receive marketing'],
        ['profile-region', 'If someone is or is not in a region'],
        ['profile-location-distance', 'Someone\u2019s proximity to a location']
    ];
    var NUMERIC = [['greater-than-or-equal', 'at least'], ['greater-than', 'more than'], ['equals', 'exactly'],
        ['not-equals', 'not'], ['less-than', 'less than'], ['less-than-or-equal', 'at most'], ['between', 'between']];
    var UNITS = [['day', 'days'], ['week', 'weeks'], ['hour', 'hours']];
    var METRIC_FRAMES = [['alltime', 'over all time'], ['in-the-last', 'in the last'], ['at-least', 'at least … ago'],
        ['between', 'between … ago'], ['after', 'after'], ['before', 'before'], ['between-static', 'between dates'],
        ['in-the-next', 'in the next']];
    var VALUE_OPERATORS = [
        ['Text', [['string:equals', 'is'], ['string:not-equals', 'is not'], ['string:contains', 'contains'],
            ['string:not-contains', 'does not contain'], ['string:starts-with', 'starts with'],
            ['string:not-starts-with', 'does not start with'], ['string:ends-with', 'ends with'],
            ['string:not-ends-with', 'does not end with'], ['string:in', 'is one of (a, b, …)'],
            ['string:not-in', 'is none of (a, b, …)']]],
        ['Number', [['numeric:equals', '='], ['numeric:not-equals', '\u2260'], ['numeric:greater-than', '>'],
            ['numeric:greater-than-or-equal', '\u2265'], ['numeric:less-than', '<'],
            ['numeric:less-than-or-equal', '\u2264'], ['numeric:between', 'between']]],
        ['True or false', [['boolean:true', 'is true'], ['boolean:false', 'is false']]],
        ['Set or not', [['existence:is-set', 'is set'], ['existence:not-set', 'is not set']]]
    ];
    var DATE_OPERATORS = ['Date', [['date:in-the-last', 'in the last'], ['date:in-the-next', 'in the next'],
        ['date:at-least', 'at least … ago'], ['date:between', 'between … ago'], ['date:after', 'after'],
        ['date:before', 'before'], ['date:between-static', 'between dates'],
        ['date:anniversary-last', 'has its anniversary in the last'],
        ['date:anniversary-next', 'has its anniversary in the next']]];
    var STANDARD = ['email', 'phone_number', 'external_id', 'first_name', 'last_name', 'organization', 'title',
        'locale', 'created', 'updated', 'location.city', 'location.region', 'location.country', 'location.zip',
        'location.timezone'];

    // ---- Klaviyo JSON <-> flat rows -------------------------------------------------------------------------

    function number(text) {
        var trimmed = String(text === undefined || text === null ? '' : text).trim();
        return trimmed === '' || isNaN(Number(trimmed)) ? trimmed || undefined : Number(trimmed);
    }

    function text(value) {
        return value === undefined || value === null ? '' : String(value);
    }

    function frameToFlat(frame, flat) {
        frame = frame || {};
        flat.tf = frame.operator || 'alltime';
        flat.tfQuantity = text(frame.quantity);
        flat.tfUnit = frame.unit || 'day';
        flat.tfDate = text(frame.date).substring(0, 10);
        flat.tfStart = text(frame.start).substring(0, 10);
        flat.tfEnd = text(frame.end).substring(0, 10);
    }

    function frameFromFlat(flat) {
        var frame = { type: 'date', operator: flat.tf };
        if (/^(in-the-last|at-least|in-the-next|anniversary-last|anniversary-next)$/.test(flat.tf)) {
            frame.quantity = number(flat.tfQuantity);
            frame.unit = flat.tfUnit;
        } else if (flat.tf === 'between') {
            frame.start = number(flat.tfStart);
            frame.end = number(flat.tfEnd);
            frame.unit = flat.tfUnit;
        } else if (flat.tf === 'after' || flat.tf === 'before') {
            frame.date = flat.tfDate || undefined;
        } else if (flat.tf === 'between-static') {
            frame.start = flat.tfStart || undefined;
            frame.end = flat.tfEnd || undefined;
        }
        return frame;
    }

    function filterToFlat(filter) {
        filter = filter || { type: 'string', operator: 'equals' };
        var flat = { value: '', end: '' };
        if (filter.type === 'boolean') {
            flat.op = 'boolean:' + (filter.value === false ? 'false' : 'true');
        } else if (filter.type === 'date') {
            flat.op = 'date:' + filter.operator;
            frameToFlat(filter, flat);
        } else {
            flat.op = filter.type + ':' + filter.operator;
            flat.value = Array.isArray(filter.value) ? filter.value.join(', ') : text(filter.value);
            flat.end = text(filter.end);
        }
        return flat;
    }

    function filterFromFlat(flat) {
        var parts = flat.op.split(':');
        var type = parts[0];
        var operator = parts[1];
        if (type === 'boolean') {
            return { type: 'boolean', operator: 'equals', value: operator === 'true' };
        }
        if (type === 'existence') {
            return { type: 'existence', operator: operator };
        }
        if (type === 'date') {
            var frame = frameFromFlat({ tf: operator, tfQuantity: flat.tfQuantity, tfUnit: flat.tfUnit,
                tfDate: flat.tfDate, tfStart: flat.tfStart, tfEnd: flat.tfEnd });
            return frame;
        }
        if (type === 'numeric') {
            var numeric = { type: 'numeric', operator: operator, value: number(flat.value) };
            if (operator === 'between') {
                numeric.end = number(flat.end);
            }
            return numeric;
        }
        if (operator === 'in' || operator === 'not-in') {
            return { type: 'string', operator: operator, value: flat.value.split(',').map(function (one) {
                return one.trim();
            }).filter(function (one) { return one !== ''; }) };
        }
        return { type: 'string', operator: operator, value: flat.value };
    }

    function propertyName(spelled) {
        var match = /^properties\[['"](.*)['"]\]$/.exec(spelled || '');
        if (match && STANDARD.indexOf(match[1]) < 0 && match[1].indexOf('location.') !== 0) {
            return match[1];
        }
        var location = /^location\[['"](.*)['"]\]$/.exec(spelled || '');
        return location ? 'location.' + location[1] : text(spelled);
    }

    function toFlat(condition) {
        var flat = { type: condition.type || 'profile-metric' };
        switch (flat.type) {
            case 'profile-metric':
                flat.metric = condition.metric_id || (pickers.metrics[0] || {}).id || '';
                flat.measurement = condition.measurement || 'count';
                var measure = condition.measurement_filter || { operator: 'greater-than-or-equal', value: 1 };
                flat.op = measure.operator || 'greater-than-or-equal';
                flat.value = text(measure.value);
                flat.end = text(measure.end);
                frameToFlat(condition.timeframe_filter, flat);
                flat.filters = (condition.metric_filters || []).map(function (filter) {
                    var one = filterToFlat(filter.filter || { type: 'existence', operator: 'is-set' });
                    one.property = filter.property || '';
                    return one;
                });
                break;
            case 'profile-property':
                flat.property = propertyName(condition.property);
                flat.filter = filterToFlat(condition.filter);
                break;
            case 'profile-group-membership':
                flat.member = condition.is_member === false ? 'false' : 'true';
                var ids = condition.group_ids || [];
                flat.group = ids[0] || '';
                flat.otherGroups = ids.slice(1);
                var since = condition.timeframe_filter;
                flat.days = since && since.operator === 'at-least' && since.unit === 'day' ? text(since.quantity) : '';
                flat.since = since && !flat.days ? since : null;
                break;
            case 'profile-marketing-consent':
                var consent = condition.consent || {};
                flat.channel = consent.channel || 'email';
                flat.can = consent.can_receive_marketing === false ? 'false' : 'true';
                flat.status = consent.consent_status && consent.consent_status.subscription || 'any';
                break;
            case 'profile-region':
                flat.inRegion = condition.in_region === false ? 'false' : 'true';
                flat.region = condition.region || 'united_states';
                break;
            case 'profile-location-distance':
                flat.latitude = text(condition.latitude);
                flat.longitude = text(condition.longitude);
                flat.unit = condition.unit || 'kilometers';
                var distance = condition.filter || { operator: 'less-than-or-equal' };
                flat.op = distance.operator || 'less-than-or-equal';
                flat.value = text(distance.value);
                break;
        }
        return flat;
    }

    function fromFlat(flat) {
        switch (flat.type) {
            case 'profile-metric':
                var measure = { type: 'numeric', operator: flat.op, value: number(flat.value) };
                if (flat.op === 'between') {
                    measure.end = number(flat.end);
                }
                var metric = { type: flat.type, metric_id: flat.metric, measurement: flat.measurement,
                    measurement_filter: measure, timeframe_filter: frameFromFlat(flat) };
                if (flat.filters.length) {
                    metric.metric_filters = flat.filters.map(function (filter) {
                        return { property: filter.property, filter: filterFromFlat(filter) };
                    });
                }
                return metric;
            case 'profile-property':
                return { type: flat.type, property: flat.property, filter: filterFromFlat(flat.filter) };
            case 'profile-group-membership':
                var membership = { type: flat.type, is_member: flat.member === 'true',
                    group_ids: [flat.group].concat(flat.otherGroups || []) };
                if (flat.member === 'true' && String(flat.days).trim() !== '') {
                    membership.timeframe_filter = { type: 'date', operator: 'at-least', quantity: number(flat.days),
                        unit: 'day' };
                } else if (flat.member === 'true' && flat.since) {
                    membership.timeframe_filter = flat.since;
                }
                return membership;
            case 'profile-marketing-consent':
                return { type: flat.type, consent: { channel: flat.channel, can_receive_marketing: flat.can === 'true',
                    consent_status: { subscription: flat.can === 'true' ? 'any' : flat.status } } };
            case 'profile-region':
                return { type: flat.type, in_region: flat.inRegion === 'true', region: flat.region };
            default:
                return { type: flat.type, latitude: number(flat.latitude), longitude: number(flat.longitude),
                    unit: flat.unit, filter: { type: 'numeric', operator: flat.op, value: number(flat.value) } };
        }
    }

    // ---- State ----------------------------------------------------------------------------------------------

    var groups;
    try {
        groups = (JSON.parse(hidden.value).condition_groups || []).map(function (group) {
            return (group.conditions || []).map(toFlat);
        });
    } catch (unreadable) {
        groups = [];
    }
    if (!groups.length) {
        groups = [[toFlat({ type: 'profile-metric' })]];
    }

    function write() {
        hidden.value = JSON.stringify({ condition_groups: groups.map(function (group) {
            return { conditions: group.map(fromFlat) };
        }) });
        form.dispatchEvent(new CustomEvent('draft-changed', { bubbles: true }));
    }

    // ---- Rendering ------------------------------------------------------------------------------------------

    function element(tag, attributes, children) {
        var node = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (key) {
            if (key === 'text') {
                node.textContent = attributes[key];
            } else if (attributes[key] !== undefined && attributes[key] !== null) {
                node.setAttribute(key, attributes[key]);
            }
        });
        (children || []).forEach(function (child) {
            if (child) {
                node.appendChild(child);
            }
        });
        return node;
    }

    function options(choices, selected) {
        return choices.map(function (choice) {
            var option = element('option', { value: choice[0], text: choice[1] });
            option.selected = choice[0] === selected;
            return option;
        });
    }

    /** A select bound to target[key]; structural ones redraw the builder when they change. */
    function select(target, key, choices, className, pointer, label, structural) {
        var node = element('select', { 'class': 'form-select form-select-sm w-auto ' + className,
            'data-pointer': pointer, 'aria-label': label }, options(choices, target[key]));
        if (!choices.some(function (choice) { return choice[0] === target[key]; }) && choices.length) {
            target[key] = choices[0][0];
        }
        node.addEventListener('change', function () {
            target[key] = node.value;
            if (structural) {
                render();
            }
            write();
        });
        return node;
    }

    function grouped(groupsOfChoices, target, key, className, pointer, label, structural) {
        var all = [];
        var node = element('select', { 'class': 'form-select form-select-sm w-auto ' + className,
            'data-pointer': pointer, 'aria-label': label });
        groupsOfChoices.forEach(function (group) {
            var optgroup = element('optgroup', { label: group[0] }, options(group[1], target[key]));
            node.appendChild(optgroup);
            all = all.concat(group[1]);
        });
        if (!all.some(function (choice) { return choice[0] === target[key]; }) && all.length) {
            target[key] = all[0][0];
            node.value = target[key];
        }
        node.addEventListener('change', function () {
            target[key] = node.value;
            if (structural) {
                render();
            }
            write();
        });
        return node;
    }

    function input(target, key, type, className, pointer, label, list) {
        var node = element('input', { type: type, 'class': 'form-control form-control-sm ' + className,
            'data-pointer': pointer, 'aria-label': label, placeholder: label, list: list });
        node.value = target[key] === undefined ? '' : target[key];
        if (type === 'number') {
            node.style.width = '7rem';
        } else if (type === 'date') {
            node.style.width = '10rem';
        } else {
            node.style.width = '12rem';
        }
        ['input', 'change'].forEach(function (kind) {
            node.addEventListener(kind, function () {
                if (target[key] !== node.value) {
                    target[key] = node.value;
                    write();
                }
            });
        });
        return node;
    }

    function words(value) {
        return element('span', { 'class': 'small text-body-secondary', text: value });
    }

    function frameInputs(flat, pointer, allTime) {
        var nodes = [];
        if (allTime) {
            nodes.push(select(flat, 'tf', METRIC_FRAMES, 'tf-op', pointer + '/operator', 'Time frame', true));
        }
        if (/^(in-the-last|at-least|in-the-next|anniversary-last|anniversary-next)$/.test(flat.tf)) {
            nodes.push(input(flat, 'tfQuantity', 'number', 'tf-quantity', pointer + '/quantity', 'Number'));
            nodes.push(select(flat, 'tfUnit', UNITS, 'tf-unit', pointer + '/unit', 'Unit', false));
            if (flat.tf === 'at-least') {
                nodes.push(words('ago'));
            }
        } else if (flat.tf === 'between') {
            nodes.push(input(flat, 'tfStart', 'number', 'tf-start', pointer + '/start', 'From'));
            nodes.push(words('and'));
            nodes.push(input(flat, 'tfEnd', 'number', 'tf-end', pointer + '/end', 'To'));
            nodes.push(select(flat, 'tfUnit', UNITS, 'tf-unit', pointer + '/unit', 'Unit', false));
            nodes.push(words('ago'));
        } else if (flat.tf === 'after' || flat.tf === 'before') {
            nodes.push(input(flat, 'tfDate', 'date', 'tf-date', pointer + '/date', 'Date'));
        } else if (flat.tf === 'between-static') {
            nodes.push(input(flat, 'tfStart', 'date', 'tf-start', pointer + '/start', 'From'));
            nodes.push(words('and'));
            nodes.push(input(flat, 'tfEnd', 'date', 'tf-end', pointer + '/end', 'To'));
        }
        return nodes;
    }

    function valueFilterInputs(flat, pointer, allowDates) {
        var choices = allowDates ? VALUE_OPERATORS.concat([DATE_OPERATORS]) : VALUE_OPERATORS;
        var nodes = [grouped(choices, flat, 'op', 'filter-op', pointer + '/operator', 'Operator', true)];
        var type = flat.op.split(':')[0];
        if (type === 'string') {
            nodes.push(input(flat, 'value', 'text', 'filter-value', pointer + '/value', 'Value'));
        } else if (type === 'numeric') {
            nodes.push(input(flat, 'value', 'number', 'filter-value', pointer + '/value', 'Value'));
            if (flat.op === 'numeric:between') {
                nodes.push(words('and'));
                nodes.push(input(flat, 'end', 'number', 'filter-end', pointer + '/end', 'End'));
            }
        } else if (type === 'date') {
            flat.tf = flat.op.split(':')[1];
            flat.tfUnit = flat.tfUnit || 'day';
            nodes = nodes.concat(frameInputs(flat, pointer, false));
        }
        return nodes;
    }

    function metricFields(flat, pointer) {
        var metrics = pickers.metrics.map(function (metric) { return [metric.id, metric.name]; });
        if (flat.metric && !metrics.some(function (metric) { return metric[0] === flat.metric; })) {
            metrics.unshift([flat.metric, flat.metric]);
        }
        var nodes = [
            select(flat, 'metric', metrics, 'metric-select', pointer + '/metric_id', 'Metric', true),
            select(flat, 'measurement', [['count', 'count'], ['sum', 'total value']], 'measurement',
                pointer + '/measurement', 'Measurement', false),
            words('is'),
            select(flat, 'op', NUMERIC, 'count-op', pointer + '/measurement_filter/operator', 'Comparison', true),
            input(flat, 'value', 'number', 'count-value', pointer + '/measurement_filter/value', 'Number')
        ];
        if (flat.op === 'between') {
            nodes.push(words('and'));
            nodes.push(input(flat, 'end', 'number', 'count-end', pointer + '/measurement_filter/end', 'End'));
        }
        nodes = nodes.concat(frameInputs(flat, pointer + '/timeframe_filter', true));
        var listId = 'event-properties-' + pointer.replace(/\W/g, '-');
        var datalist = element('datalist', { id: listId });
        loadEventProperties(flat.metric, datalist);
        var filters = element('div', { 'class': 'w-100 ps-3 metric-filters' }, [datalist]);
        flat.filters.forEach(function (filter, index) {
            var at = pointer + '/metric_filters/' + index;
            var remove = element('button', { type: 'button', 'class': 'btn btn-sm btn-link text-danger remove-filter',
                text: 'Remove' });
            remove.addEventListener('click', function () {
                flat.filters.splice(index, 1);
                render();
                write();
            });
            filters.appendChild(element('div', { 'class': 'd-flex flex-wrap align-items-center gap-2 mt-2 metric-filter',
                'data-pointer': at }, [words(index === 0 ? 'where' : 'and'),
                input(filter, 'property', 'text', 'event-property', at + '/property', 'Event property', listId)]
                .concat(valueFilterInputs(filter, at + '/filter', false)).concat([remove])));
        });
        var add = element('button', { type: 'button', 'class': 'btn btn-sm btn-link add-filter',
            text: '+ Filter by an event property' });
        add.addEventListener('click', function () {
            var filter = filterToFlat({ type: 'string', operator: 'equals' });
            filter.property = '';
            flat.filters.push(filter);
            render();
            write();
        });
        filters.appendChild(add);
        nodes.push(filters);
        return nodes;
    }

    function loadEventProperties(metricId, datalist) {
        function fill(keys) {
            keys.forEach(function (key) {
                datalist.appendChild(element('option', { value: key }));
            });
        }
        if (!metricId) {
            return;
        }
        if (eventProperties[metricId]) {
            eventProperties[metricId].then(fill);
            return;
        }
        eventProperties[metricId] = fetch(eventPropertiesUrl + '?metric_id=' + encodeURIComponent(metricId),
            { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
            .then(function (response) { return response.ok ? response.json() : []; })
            .catch(function () { return []; });
        eventProperties[metricId].then(fill);
    }

    function propertyFields(flat, pointer) {
        return [input(flat, 'property', 'text', 'property-input', pointer + '/property', 'Property',
            'profile-properties')].concat(valueFilterInputs(flat.filter, pointer + '/filter', true));
    }

    function membershipFields(flat, pointer) {
        var choices = [];
        if (pickers.lists.length) {
            choices.push(['Lists', pickers.lists.map(function (list) { return [list.id, list.name]; })]);
        }
        if (pickers.segments.length) {
            choices.push(['Segments', pickers.segments.map(function (segment) { return [segment.id, segment.name]; })]);
        }
        if (flat.group && !choices.some(function (group) {
            return group[1].some(function (choice) { return choice[0] === flat.group; });
        })) {
            choices.unshift(['Unknown', [[flat.group, flat.group]]]);
        }
        var nodes = [select(flat, 'member', [['true', 'is in'], ['false', 'is not in']], 'member-op',
            pointer + '/is_member', 'In or not in', true)];
        nodes.push(choices.length ? grouped(choices, flat, 'group', 'group-select', pointer + '/group_ids/0',
            'List or segment', false) : words('The account has no lists or other segments yet.'));
        if (flat.member === 'true') {
            nodes.push(words('for at least'));
            nodes.push(input(flat, 'days', 'number', 'member-days', pointer + '/timeframe_filter/quantity',
                'Days (optional)'));
            nodes.push(words('days'));
        }
        return nodes;
    }

    function consentFields(flat, pointer) {
        var nodes = [
            select(flat, 'can', [['true', 'can receive'], ['false', 'cannot receive']], 'consent-can',
                pointer + '/consent/can_receive_marketing', 'Can or cannot', true),
            select(flat, 'channel', [['email', 'email marketing'], ['sms', 'SMS marketing']], 'consent-channel',
                pointer + '/consent/channel', 'Channel', false)
        ];
        if (flat.can === 'false') {
            nodes.push(select(flat, 'status', [['any', 'for any reason'], ['unsubscribed', 'unsubscribed'],
                ['never_subscribed', 'never subscribed']], 'consent-status',
                pointer + '/consent/consent_status/subscription', 'Why', false));
        }
        return nodes;
    }

    function regionFields(flat, pointer) {
        return [
            select(flat, 'inRegion', [['true', 'is in'], ['false', 'is not in']], 'region-op',
                pointer + '/in_region', 'In or not in', false),
            select(flat, 'region', [['united_states', 'the United States'], ['european_union', 'the European Union']],
                'region-select', pointer + '/region', 'Region', false)
        ];
    }

    function distanceFields(flat, pointer) {
        return [
            words('is'),
            select(flat, 'op', [['less-than-or-equal', 'within'], ['less-than', 'less than'],
                ['greater-than', 'farther than'], ['greater-than-or-equal', 'at least'], ['equals', 'exactly'],
                ['not-equals', 'not']], 'distance-op',
                pointer + '/filter/operator', 'Within or farther', false),
            input(flat, 'value', 'number', 'distance-value', pointer + '/filter/value', 'Distance'),
            select(flat, 'unit', [['kilometers', 'km'], ['miles', 'miles']], 'distance-unit', pointer + '/unit',
                'Unit', false),
            words('of latitude'),
            input(flat, 'latitude', 'number', 'distance-latitude', pointer + '/latitude', 'Latitude'),
            words('longitude'),
            input(flat, 'longitude', 'number', 'distance-longitude', pointer + '/longitude', 'Longitude')
        ];
    }

    var FIELDS = {
        'profile-metric': metricFields,
        'profile-property': propertyFields,
        'profile-group-membership': membershipFields,
        'profile-marketing-consent': consentFields,
        'profile-region': regionFields,
        'profile-location-distance': distanceFields
    };

    function conditionRow(group, g, c) {
        var flat = group[c];
        var pointer = '/condition_groups/' + g + '/conditions/' + c;
        var type = element('select', { 'class': 'form-select form-select-sm w-auto condition-type',
            'data-pointer': pointer + '/type', 'aria-label': 'Condition type' }, options(TYPES, flat.type));
        type.addEventListener('change', function () {
            group[c] = toFlat({ type: type.value });
            render();
            write();
        });
        var remove = element('button', { type: 'button', 'class': 'btn btn-sm btn-outline-danger ms-auto remove-condition',
            'aria-label': 'Remove condition', text: '\u00d7' });
        remove.addEventListener('click', function () {
            group.splice(c, 1);
            if (!group.length) {
                groups.splice(g, 1);
            }
            if (!groups.length) {
                groups.push([toFlat({ type: 'profile-metric' })]);
            }
            render();
            write();
        });
        var fields = element('div', { 'class': 'd-flex flex-wrap align-items-center gap-2' },
            FIELDS[flat.type](flat, pointer));
        var header = element('div', { 'class': 'd-flex align-items-center gap-2' }, [type, remove]);
        return element('div', { 'class': 'segment-condition d-flex flex-column gap-2 border rounded p-2 bg-body',
            id: 'condition-' + g + '-' + c, 'data-pointer': pointer }, [header, fields]);
    }

    function render() {
        root.textContent = '';
        root.appendChild(element('datalist', { id: 'profile-properties' },
            STANDARD.concat(pickers.profileProperties || []).map(function (key) {
                return element('option', { value: key });
            })));
        groups.forEach(function (group, g) {
            if (g > 0) {
                root.appendChild(element('div', { 'class': 'text-center my-2' },
                    [element('span', { 'class': 'badge text-bg-dark', text: 'AND' })]));
            }
            var body = element('div', { 'class': 'card-body d-flex flex-column gap-2' });
            group.forEach(function (condition, c) {
                if (c > 0) {
                    body.appendChild(element('div', { 'class': 'small fw-semibold text-body-secondary', text: 'OR' }));
                }
                body.appendChild(conditionRow(group, g, c));
            });
            var addOr = element('button', { type: 'button', 'class': 'btn btn-sm btn-outline-secondary align-self-start add-condition',
                text: '+ OR' });
            addOr.addEventListener('click', function () {
                group.push(toFlat({ type: 'profile-property' }));
                render();
                write();
            });
            body.appendChild(addOr);
            root.appendChild(element('div', { 'class': 'card shadow-sm segment-group', id: 'group-' + g,
                'data-pointer': '/condition_groups/' + g }, [body]));
        });
        var addAnd = element('button', { type: 'button', 'class': 'btn btn-sm btn-outline-primary mt-3', id: 'add-group',
            text: '+ AND' });
        addAnd.addEventListener('click', function () {
            groups.push([toFlat({ type: 'profile-property' })]);
            render();
            write();
        });
        root.appendChild(addAnd);
    }

    /** Puts the server's message next to the field its pointer names, or the nearest enclosing part. */
    function showError() {
        var pointer = root.getAttribute('data-error-pointer');
        var message = root.getAttribute('data-error');
        if (pointer === null || !message) {
            return;
        }
        var target = null;
        var at = pointer;
        while (!target) {
            target = root.querySelector('[data-pointer="' + at.replace(/"/g, '\\"') + '"]');
            if (target || at === '') {
                break;
            }
            at = at.substring(0, at.lastIndexOf('/'));
        }
        target = target || root;
        if (target.matches('input, select')) {
            target.classList.add('is-invalid');
        }
        var feedback = element('div', { 'class': 'invalid-feedback d-block w-100', id: 'definition-field-error',
            text: message });
        if (target === root) {
            root.insertBefore(feedback, root.firstChild);
        } else {
            target.insertAdjacentElement('afterend', feedback);
        }
    }

    render();
    showError();
    // The hidden field holds the draft as the server sent it; write it back in the builder's own form
    hidden.value = JSON.stringify({ condition_groups: groups.map(function (group) {
        return { conditions: group.map(fromFlat) };
    }) });
})();
