/** Widget texts in the two languages of our users; picked from data-lang or the browser. */
const en = {
  launcher: 'Chat with us',
  title: 'Online service',
  close: 'Minimize chat',
  intro: 'Tell us who you are and an agent will be with you shortly.',
  name: 'Your name',
  phone: 'Mobile number',
  email: 'Email',
  contactHint: 'A mobile number or an email is required.',
  start: 'Start chat',
  starting: 'Connecting…',
  waiting: 'Waiting for an agent… you can already type your question.',
  chattingWith: 'You are chatting with {name}',
  ended: 'This chat has ended. Thank you!',
  agentEnded: 'The agent ended the chat.',
  customerLeft: 'You left the chat.',
  typing: '{name} is typing…',
  agent: 'Agent',
  you: 'You',
  placeholder: 'Type a message, Enter to send',
  send: 'Send',
  leave: 'End chat',
  newChat: 'Start a new chat',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent – tap to retry',
  offline: 'Reconnecting…',
  errorStart: 'Could not start the chat. Please check your details and try again.',
  messages: 'Conversation',
} as const;

export type WidgetText = { [K in keyof typeof en]: string };

const zh: WidgetText = {
  launcher: '在线客服',
  title: '在线客服',
  close: '最小化',
  intro: '请留下您的称呼和联系方式，客服人员马上为您服务。',
  name: '您的称呼',
  phone: '手机号码',
  email: '电子邮箱',
  contactHint: '请填写手机号码或电子邮箱。',
  start: '开始咨询',
  starting: '正在连接…',
  waiting: '正在为您接通客服，请稍候…您可以先输入问题。',
  chattingWith: '客服 {name} 正在为您服务',
  ended: '本次会话已结束，感谢您的咨询！',
  agentEnded: '客服已结束会话。',
  customerLeft: '您已结束会话。',
  typing: '{name} 正在输入…',
  agent: '客服',
  you: '我',
  placeholder: '请输入消息，按回车发送',
  send: '发送',
  leave: '结束会话',
  newChat: '发起新的咨询',
  sent: '已发送',
  delivered: '已送达',
  read: '已读',
  failed: '发送失败，点击重试',
  offline: '正在重新连接…',
  errorStart: '无法开始会话，请检查填写的信息后重试。',
  messages: '会话内容',
};

export function pickText(lang: string | undefined): { lang: 'zh-CN' | 'en'; t: WidgetText } {
  const wanted = (lang ?? navigator.language).toLowerCase();
  return wanted.startsWith('zh') ? { lang: 'zh-CN', t: zh } : { lang: 'en', t: en };
}

export const fill = (text: string, vars: Record<string, string>): string => text.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '');
