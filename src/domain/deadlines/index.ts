/** Deadline calculation on business-hours calendars. Pure: every function takes the current time as an argument. */
export {
  DEFAULT_BUSINESS_CALENDAR,
  TWENTY_FOUR_SEVEN,
  businessCalendarSchema,
  holidayRegionSchema,
  isValidTimeZone,
  type BusinessCalendar,
} from './business-calendar';
export { isWorkingDay } from './is-working-day';
export { isWorkingTime } from './is-working-time';
export { nextWorkingTime } from './next-working-time';
export { addBusinessDuration, type TimeFrameCalendar } from './add-business-duration';
export { businessTimeBetween } from './business-time-between';
export { deadlineStatus, type DeadlineState, type DeadlineStatus, type DeadlineStatusInput, type WarnBefore } from './deadline-status';
export { formatRemaining, type FormatRemainingOptions } from './format-remaining';
