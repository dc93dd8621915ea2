/** Paging: validated page requests and Spring Data `Page` envelopes. */

export interface PageRequest {
  /** the page as the client sent it */
  page: number
  size: number
  /** first page number the API documents (eva: 1) */
  base: number
}

/** Zero-based index of the requested page; a page below the base is the first page
 * (an eva client sends page=0 to a 1-based API and expects the first page). */
export function pageIndex (req: PageRequest): number {
  return Math.max(req.page - req.base, 0)
}

export function pageOffset (req: PageRequest): number {
  return pageIndex(req) * req.size
}

export interface SpringSort { sorted: boolean, unsorted: boolean, empty: boolean }

export interface SpringPage<T> {
  totalPages: number
  totalElements: number
  pageable: {
    pageNumber: number
    pageSize: number
    paged: boolean
    unpaged: boolean
    sort: SpringSort
    offset: number
  }
  numberOfElements: number
  first: boolean
  last: boolean
  sort: SpringSort
  size: number
  content: T[]
  number: number
  empty: boolean
}

/** The page object with every derived field consistent with content and total. */
export function springPage<T> (content: T[], totalElements: number, req: PageRequest, sorted: boolean): SpringPage<T> {
  const index = pageIndex(req)
  const totalPages = Math.ceil(totalElements / req.size)
  const sort: SpringSort = { sorted, unsorted: !sorted, empty: !sorted }
  return {
    totalPages,
    totalElements,
    pageable: {
      pageNumber: req.page,
      pageSize: req.size,
      paged: true,
      unpaged: false,
      sort,
      offset: index * req.size
    },
    numberOfElements: content.length,
    first: index === 0,
    last: index >= totalPages - 1,
    sort,
    size: req.size,
    content,
    number: req.page,
    empty: content.length === 0
  }
}
