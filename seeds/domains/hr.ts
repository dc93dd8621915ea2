/** Employee HR helpdesk in (Indian) English: the "Initech HR Assistant" Kore.ai bot. */
import type { DomainSpec } from './types.js'

export const hr: DomainSpec = {
  lang: 'en',
  currency: 'INR',
  flows: ['Leave Management', 'Payroll', 'Benefits', 'Attendance', 'Policies', 'Onboarding'],
  entities: ['leaveType', 'date', 'amount', 'document', 'month'],
  slots: {
    leaveType: ['sick leave', 'casual leave', 'earned leave', 'maternity leave', 'paternity leave', 'comp off', 'leave without pay'],
    document: ['Form 16', 'offer letter', 'experience letter', 'address proof', 'PAN card', 'salary certificate', 'relieving letter']
  },
  tags: ['new-joiner', 'manager', 'complaint', 'payroll', 'urgent', 'contractor'],
  welcome: 'Hello! I\'m your Initech HR Assistant. Ask me about leave, payslips, reimbursements, insurance or company policies.',
  fallback: [
    'Sorry, I couldn\'t understand that. Could you try asking differently?',
    'I don\'t have an answer for that yet. Shall I raise a query with your HR business partner?'
  ],
  intents: [
    {
      name: 'Apply Leave',
      flow: 'Leave Management',
      says: ['apply for {leaveType}', 'I want to take leave on {date}', 'apply leave from {date} to {date2}', 'need {leaveType} tomorrow', 'how do I apply for leave', 'request {leaveType} for 3 days'],
      answers: [{ text: 'Sure. Which type of leave would you like to apply for?', buttons: ['Casual', 'Sick', 'Earned'] }, 'Your leave request has been sent to your manager for approval.']
    },
    {
      name: 'Leave Balance',
      flow: 'Leave Management',
      says: ['what is my leave balance', 'how many {leaveType} do I have left', 'remaining leaves', 'leave balance for this year', 'do my earned leaves carry forward'],
      answers: ['You can see your balance per leave type under My Leave in the HR portal. Earned leave carries forward up to 45 days.']
    },
    {
      name: 'Payslip Download',
      flow: 'Payroll',
      says: ['download payslip', 'payslip for {month}', 'I need my last 3 payslips', 'where can I find my salary slip', 'salary slip for loan application'],
      answers: ['Payslips are available in the HR portal under Payroll > Payslips. I\'ve emailed you the latest one.']
    },
    {
      name: 'Salary Credit Date',
      flow: 'Payroll',
      says: ['when will salary be credited', 'salary not credited for {month}', 'is salary delayed this month', 'payday date', 'salary credit date {month}'],
      answers: ['Salary is credited on the last working day of each month. If it hasn\'t arrived by the 2nd, please raise a payroll query.']
    },
    {
      name: 'Holiday Calendar',
      flow: 'Policies',
      says: ['holiday list', 'is {date} a holiday', 'next public holiday', 'optional holidays this year', 'holiday calendar for Bangalore office'],
      answers: ['The holiday calendar for your location is in the HR portal. You can also pick 2 optional holidays a year.']
    },
    {
      name: 'Reimbursement Claim',
      flow: 'Benefits',
      says: ['claim reimbursement', 'how to submit travel expenses of {amount}', 'internet bill reimbursement', 'my claim of {amount} was rejected', 'status of my expense claim'],
      answers: ['Submit claims in the Expenses app with the bill attached. Approved claims are paid with the next salary.']
    },
    {
      name: 'Tax Declaration',
      flow: 'Payroll',
      says: ['submit investment declaration', 'how to upload rent receipts for HRA', 'old vs new tax regime', 'download {document}', 'when is the tax proof deadline'],
      answers: ['Investment proofs must be submitted by 15 January in the Tax module. Form 16 is issued by 15 June.']
    },
    {
      name: 'Health Insurance',
      flow: 'Benefits',
      says: ['add my spouse to health insurance', 'insurance card download', 'what does the medical policy cover', 'cashless hospitals near me', 'claim for hospitalization of {amount}'],
      answers: ['Your group health cover is 5 lakh per family. You can add dependants within 30 days of a life event.']
    },
    {
      name: 'Attendance Regularization',
      flow: 'Attendance',
      says: ['regularize attendance for {date}', 'forgot to punch in', 'attendance showing absent', 'biometric not working', 'mark attendance for work from home'],
      answers: ['Raise a regularization request in the Attendance module within 7 days; it goes to your manager for approval.']
    },
    {
      name: 'Cancel Leave',
      flow: 'Leave Management',
      says: ['cancel my leave on {date}', 'withdraw leave request', 'I don\'t need the {leaveType} anymore', 'cancel approved leave'],
      answers: ['Your leave request has been withdrawn and the balance restored.']
    },
    {
      name: 'Work From Home Policy',
      flow: 'Policies',
      says: ['work from home policy', 'how many WFH days are allowed', 'can I work remotely from my hometown', 'hybrid work rules'],
      answers: ['Hybrid employees work at least 3 days a week from the office. Longer remote stints need HRBP approval.']
    },
    {
      name: 'Provident Fund',
      flow: 'Benefits',
      says: ['PF balance', 'what is my UAN number', 'withdraw provident fund', 'transfer PF from previous employer', 'PF contribution not showing'],
      answers: ['Your UAN is shown on your payslip. PF balance and transfers are handled on the EPFO member portal.']
    },
    {
      name: 'Update Bank Details',
      flow: 'Payroll',
      says: ['change salary account', 'update bank details', 'new bank account for salary', 'IFSC code change'],
      answers: ['Update your bank details in Profile > Bank. Changes made after the 20th apply from next month\'s salary.']
    },
    {
      name: 'Onboarding Documents',
      flow: 'Onboarding',
      says: ['which documents do I need to submit', 'upload {document}', 'joining formalities', 'when will I get my ID card', 'I join on {date}, what should I bring'],
      answers: [{ text: 'Here is your onboarding checklist:', type: 'CAROUSEL', buttons: ['Upload documents', 'View checklist'] }]
    },
    {
      name: 'Notice Period',
      flow: 'Policies',
      says: ['what is my notice period', 'how do I resign', 'notice period buyout', 'get {document}', 'last working day calculation'],
      answers: ['The notice period is 60 days (90 for managers). Resignations are submitted in the HR portal under Separation.']
    },
    {
      name: 'Employee Referral',
      flow: 'Onboarding',
      says: ['refer a friend', 'referral bonus amount', 'open positions for referral', 'status of my referral'],
      answers: ['Referral bonus is paid after the new hire completes 90 days. Submit referrals on the Careers portal.']
    }
  ],
  outOfScope: ['reset my laptop password', 'cafeteria menu today', 'who won the cricket match', 'book cab to airport']
}
